package io.aisprint.placement;

/** The one error type of the placement module: a system or placement cannot be designed or evaluated. */
public class PlacementException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PlacementException(String message) {
        super(message);
    }
}
