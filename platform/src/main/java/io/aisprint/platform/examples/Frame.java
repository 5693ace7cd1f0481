package io.aisprint.platform.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A grey-scale camera frame (values 0..1, row-major) with the face boxes drawn into it. Frames are
 * generated: a noisy background with a few bright elliptic "faces", some wearing a darker "mask" band.
 * Serialisable: frames travel between cluster workers.
 */
public record Frame(int width, int height, float[] pixels, List<int[]> faces) implements java.io.Serializable {

    public static final int SIZE = 64;

    public Frame {
        faces = List.copyOf(faces);
    }

    /** A new random frame. */
    public static Frame generate(Random random) {
        float[] pixels = new float[SIZE * SIZE];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = 0.15f + 0.1f * random.nextFloat();
        }
        List<int[]> faces = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int f = 0; f < count; f++) {
            int radius = 5 + random.nextInt(5);
            int centreX = radius + random.nextInt(SIZE - 2 * radius);
            int centreY = radius + random.nextInt(SIZE - 2 * radius);
            boolean masked = random.nextBoolean();
            for (int y = centreY - radius; y <= centreY + radius; y++) {
                for (int x = centreX - radius; x <= centreX + radius; x++) {
                    double dx = (x - centreX) / (double) radius;
                    double dy = (y - centreY) / (radius * 1.2);
                    if (dx * dx + dy * dy <= 1) {
                        boolean band = masked && y > centreY && y < centreY + radius * 0.8;
                        pixels[y * SIZE + x] = band ? 0.45f : 0.85f + 0.1f * random.nextFloat();
                    }
                }
            }
            faces.add(new int[] {centreX - radius, centreY - radius, centreX + radius, centreY + radius});
        }
        return new Frame(SIZE, SIZE, pixels, faces);
    }
}
