package io.aisprint.platform.examples;

import java.util.ArrayList;
import java.util.List;

/**
 * blurry-faces: finds bright face-like blobs (threshold, then bounding boxes of connected runs by a
 * flood fill) and box-blurs every box, so no sharp face leaves the device.
 */
public final class BlurryFaces implements PartitionCode {
    private static final float FACE_LEVEL = 0.6f;
    private static final int BLUR_RADIUS = 3;

    @Override
    public Result run(Object input) {
        Frame frame = (Frame) input;
        List<int[]> boxes = detect(frame);
        float[] out = frame.pixels().clone();
        for (int[] box : boxes) {
            blur(frame, out, box);
        }
        return new Result(new Frame(frame.width(), frame.height(), out, boxes), false);
    }

    static List<int[]> detect(Frame frame) {
        int width = frame.width();
        int height = frame.height();
        boolean[] seen = new boolean[width * height];
        List<int[]> boxes = new ArrayList<>();
        int[] stack = new int[width * height];
        for (int start = 0; start < seen.length; start++) {
            if (seen[start] || frame.pixels()[start] < FACE_LEVEL) {
                continue;
            }
            int[] box = {width, height, -1, -1};
            int top = 0;
            stack[top++] = start;
            seen[start] = true;
            int area = 0;
            while (top > 0) {
                int at = stack[--top];
                int x = at % width;
                int y = at / width;
                area++;
                box[0] = Math.min(box[0], x);
                box[1] = Math.min(box[1], y);
                box[2] = Math.max(box[2], x);
                box[3] = Math.max(box[3], y);
                int[][] neighbours = {{x + 1, y}, {x - 1, y}, {x, y + 1}, {x, y - 1}};
                for (int[] n : neighbours) {
                    if (n[0] >= 0 && n[0] < width && n[1] >= 0 && n[1] < height) {
                        int index = n[1] * width + n[0];
                        if (!seen[index] && frame.pixels()[index] >= FACE_LEVEL) {
                            seen[index] = true;
                            stack[top++] = index;
                        }
                    }
                }
            }
            if (area >= 12) {
                boxes.add(box);
            }
        }
        return boxes;
    }

    private static void blur(Frame frame, float[] out, int[] box) {
        int width = frame.width();
        int height = frame.height();
        float[] source = frame.pixels();
        for (int y = box[1]; y <= box[3]; y++) {
            for (int x = box[0]; x <= box[2]; x++) {
                float sum = 0;
                int count = 0;
                for (int dy = -BLUR_RADIUS; dy <= BLUR_RADIUS; dy++) {
                    for (int dx = -BLUR_RADIUS; dx <= BLUR_RADIUS; dx++) {
                        int sx = Math.min(width - 1, Math.max(0, x + dx));
                        int sy = Math.min(height - 1, Math.max(0, y + dy));
                        sum += source[sy * width + sx];
                        count++;
                    }
                }
                out[y * width + x] = sum / count;
            }
        }
    }
}
