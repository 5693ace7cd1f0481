package io.aisprint.runtime.examples;

import io.aisprint.runtime.ErrorCode;
import io.aisprint.runtime.RunSummary;
import io.aisprint.runtime.TaskFuture;
import io.aisprint.runtime.TaskRuntime;
import io.aisprint.runtime.TaskRuntimeException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * A real workflow: an image is cut into tiles, every tile is box-blurred by its own task (in
 * parallel), and a final task stitches the tiles into the output PNG. Tiles read a halo of
 * {@code radius} pixels around them, so the stitched result equals blurring the whole image.
 */
public final class TileBlurWorkflow {

    /** What to do. {@code input} may be null: a synthetic test image is generated. */
    public record Request(Path input, Path output, int tilesPerSide, int radius, int generatedSize) {
        public Request {
            Objects.requireNonNull(output, "output");
            if (tilesPerSide < 1 || radius < 0 || generatedSize < tilesPerSide) {
                throw new TaskRuntimeException(ErrorCode.INVALID_TASK, "tiles per side (" + tilesPerSide + ") must be at"
                        + " least 1, radius (" + radius + ") not negative and the image at least one pixel per tile");
            }
        }
    }

    /** What happened. */
    public record Result(Path output, int width, int height, int tiles, RunSummary summary) {
    }

    private record Tile(int x, int y, BufferedImage pixels) {
    }

    private TileBlurWorkflow() {
    }

    public static Result run(TaskRuntime runtime, Request request) {
        TaskFuture<BufferedImage> source = request.input() == null
                ? runtime.task("generate").call(ctx -> generate(request.generatedSize()))
                : runtime.task("load").fileIn(request.input()).call(ctx -> read(ctx.path(request.input())));
        BufferedImage image = source.get(); // the tile grid depends on the size
        int side = request.tilesPerSide();
        if (image.getWidth() < side || image.getHeight() < side) {
            throw new TaskRuntimeException(ErrorCode.INVALID_TASK, "the image is " + image.getWidth() + "x"
                    + image.getHeight() + " pixels, too small for " + side + "x" + side + " tiles.\nMaybe use fewer tiles.");
        }
        List<TaskFuture<Tile>> tiles = new ArrayList<>();
        for (int row = 0; row < side; row++) {
            for (int column = 0; column < side; column++) {
                int x0 = column * image.getWidth() / side;
                int x1 = (column + 1) * image.getWidth() / side;
                int y0 = row * image.getHeight() / side;
                int y1 = (row + 1) * image.getHeight() / side;
                tiles.add(runtime.task("blur").in(source)
                        .call(ctx -> new Tile(x0, y0, blur(ctx.get(source), x0, y0, x1, y1, request.radius()))));
            }
        }
        TaskFuture<Void> merged = runtime.task("merge").collectionIn(tiles).fileOut(request.output()).run(ctx -> {
            BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            for (Object element : ctx.getAll(tiles)) {
                Tile tile = (Tile) element;
                out.getGraphics().drawImage(tile.pixels(), tile.x(), tile.y(), null);
            }
            if (!ImageIO.write(out, "png", ctx.path(request.output()).toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
        merged.get();
        Path written = runtime.waitOnFile(request.output());
        return new Result(written, image.getWidth(), image.getHeight(), tiles.size(), runtime.summary());
    }

    private static BufferedImage read(Path path) throws IOException {
        BufferedImage image = ImageIO.read(path.toFile());
        if (image == null) {
            throw new TaskRuntimeException(ErrorCode.DATA_IO, path + " is not an image format Java can read (PNG, JPEG,"
                    + " GIF, BMP).\nMaybe convert it to PNG.");
        }
        return image;
    }

    /** Concentric rings and a diagonal gradient: blurring visibly softens the edges. */
    static BufferedImage generate(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double distance = Math.hypot(x - size / 2.0, y - size / 2.0);
                int ring = ((int) (distance / Math.max(1, size / 16))) % 2 == 0 ? 255 : 0;
                int gradient = (x + y) * 255 / (2 * size);
                image.setRGB(x, y, ring << 16 | gradient << 8 | (255 - gradient));
            }
        }
        return image;
    }

    /** Box blur of the region [x0,x1)×[y0,y1), reading neighbours up to {@code radius} away (clamped at the image edge). */
    static BufferedImage blur(BufferedImage source, int x0, int y0, int x1, int y1, int radius) {
        BufferedImage out = new BufferedImage(x1 - x0, y1 - y0, BufferedImage.TYPE_INT_RGB);
        int width = source.getWidth();
        int height = source.getHeight();
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                long red = 0;
                long green = 0;
                long blue = 0;
                int count = 0;
                for (int dy = -radius; dy <= radius; dy++) {
                    int sy = Math.min(height - 1, Math.max(0, y + dy));
                    for (int dx = -radius; dx <= radius; dx++) {
                        int rgb = source.getRGB(Math.min(width - 1, Math.max(0, x + dx)), sy);
                        red += rgb >> 16 & 0xff;
                        green += rgb >> 8 & 0xff;
                        blue += rgb & 0xff;
                        count++;
                    }
                }
                out.setRGB(x - x0, y - y0, (int) (red / count) << 16 | (int) (green / count) << 8 | (int) (blue / count));
            }
        }
        return out;
    }

    /** Used by tests: the whole image blurred in one piece. */
    static BufferedImage blurWhole(BufferedImage source, int radius) {
        return blur(source, 0, 0, source.getWidth(), source.getHeight(), radius);
    }

    static boolean samePixels(BufferedImage left, BufferedImage right) {
        if (left.getWidth() != right.getWidth() || left.getHeight() != right.getHeight()) {
            return false;
        }
        for (int y = 0; y < left.getHeight(); y++) {
            for (int x = 0; x < left.getWidth(); x++) {
                if ((left.getRGB(x, y) & 0xffffff) != (right.getRGB(x, y) & 0xffffff)) {
                    return false;
                }
            }
        }
        return true;
    }
}
