package io.aisprint.cluster.internal;

import io.aisprint.cluster.ClusterException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Bodies, inputs and results travel as Java-serialised bytes: Ignite's binary marshaller cannot
 * handle records, and application values often are records. Classes resolve through the shared
 * class path (peer class loading is off). Primitive arrays (tensors, signal blocks) — the bulk
 * of what kept values carry — are copied as raw little-endian bytes instead, several times faster.
 */
final class Payloads {
    private Payloads() {
    }

    /** Raw arrays start with this byte; Java serialisation always starts with 0xAC. */
    private static final byte RAW = 0x5A;

    static byte[] write(Object value, String what) {
        return write(value, what, 0);
    }

    /** The value's bytes after {@code header} free leading bytes (a message's id), so no copy is needed to add them. */
    static byte[] write(Object value, String what, int header) {
        byte[] raw = raw(value, header);
        if (raw != null) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        bytes.write(new byte[header], 0, header);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException failed) {
            throw new ClusterException("cannot send " + what + " to another node: " + failed
                    + "\nEvery input, result and captured variable of a remote body must be Serializable.", failed);
        }
        return bytes.toByteArray();
    }

    /** The bytes a primitive array's elements take, or -1 for any other value. */
    static long rawSize(Object value) {
        if (value instanceof double[] array) {
            return 8L * array.length;
        } else if (value instanceof float[] array) {
            return 4L * array.length;
        } else if (value instanceof long[] array) {
            return 8L * array.length;
        } else if (value instanceof int[] array) {
            return 4L * array.length;
        } else if (value instanceof byte[] array) {
            return array.length;
        }
        return -1;
    }

    private static byte[] raw(Object value, int header) {
        int length;
        int width;
        char kind;
        if (value instanceof double[] array) {
            length = array.length; width = 8; kind = 'D';
        } else if (value instanceof float[] array) {
            length = array.length; width = 4; kind = 'F';
        } else if (value instanceof long[] array) {
            length = array.length; width = 8; kind = 'J';
        } else if (value instanceof int[] array) {
            length = array.length; width = 4; kind = 'I';
        } else if (value instanceof byte[] array) {
            length = array.length; width = 1; kind = 'B';
        } else {
            return null;
        }
        if (header + 2 + (long) length * width > Integer.MAX_VALUE - 16) {
            return null; // too large for one array: let serialisation report it
        }
        byte[] bytes = new byte[header + 2 + length * width];
        bytes[header] = RAW;
        bytes[header + 1] = (byte) kind;
        ByteBuffer body = ByteBuffer.wrap(bytes, header + 2, bytes.length - header - 2).slice().order(ByteOrder.LITTLE_ENDIAN);
        switch (kind) {
            case 'D' -> body.asDoubleBuffer().put((double[]) value);
            case 'F' -> body.asFloatBuffer().put((float[]) value);
            case 'J' -> body.asLongBuffer().put((long[]) value);
            case 'I' -> body.asIntBuffer().put((int[]) value);
            default -> body.put((byte[]) value);
        }
        return bytes;
    }

    private static Object readRaw(byte[] data, int offset, String what) {
        ByteBuffer body = ByteBuffer.wrap(data, offset + 2, data.length - offset - 2).slice().order(ByteOrder.LITTLE_ENDIAN);
        int bytes = data.length - offset - 2;
        switch (data[offset + 1]) {
            case 'D' -> {
                double[] array = new double[bytes / 8];
                body.asDoubleBuffer().get(array);
                return array;
            }
            case 'F' -> {
                float[] array = new float[bytes / 4];
                body.asFloatBuffer().get(array);
                return array;
            }
            case 'J' -> {
                long[] array = new long[bytes / 8];
                body.asLongBuffer().get(array);
                return array;
            }
            case 'I' -> {
                int[] array = new int[bytes / 4];
                body.asIntBuffer().get(array);
                return array;
            }
            case 'B' -> {
                byte[] array = new byte[bytes];
                body.get(array);
                return array;
            }
            default -> throw new ClusterException("cannot read " + what + " sent by another node: unknown array kind "
                    + data[offset + 1] + " (are all nodes the same aisprint version?)");
        }
    }

    /** Where bodies' classes come from: the class path, plus the jars a worker was given with {@code --classpath}. */
    private static volatile ClassLoader applicationClasses = Payloads.class.getClassLoader();

    /** Lets this process read bodies and values whose classes are in {@code loader} (its parent must be ours). */
    static void useApplicationClasses(ClassLoader loader) {
        applicationClasses = java.util.Objects.requireNonNull(loader, "loader");
    }

    static Object read(byte[] data, String what) {
        return read(data, 0, what);
    }

    /** Reads what {@link #write(Object, String, int)} wrote after {@code offset} header bytes. */
    static Object read(byte[] data, int offset, String what) {
        if (data.length >= offset + 2 && data[offset] == RAW) {
            return readRaw(data, offset, what);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data, offset, data.length - offset)) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
                try {
                    return Class.forName(description.getName(), false, applicationClasses);
                } catch (ClassNotFoundException notHere) {
                    return super.resolveClass(description);
                }
            }
        }) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException failed) {
            throw new ClusterException("cannot read " + what + " sent by another node: " + failed
                    + "\nAll nodes need the application's classes on their class path (same version).", failed);
        }
    }
}
