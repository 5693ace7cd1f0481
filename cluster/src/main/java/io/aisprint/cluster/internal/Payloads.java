package io.aisprint.cluster.internal;

import io.aisprint.cluster.ClusterException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * Bodies, inputs and results travel as Java-serialised bytes: Ignite's binary marshaller cannot
 * handle records, and application values often are records. Classes resolve through the shared
 * class path (peer class loading is off).
 */
final class Payloads {
    private Payloads() {
    }

    static byte[] write(Object value, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException failed) {
            throw new ClusterException("cannot send " + what + " to another node: " + failed
                    + "\nEvery input, result and captured variable of a remote body must be Serializable.", failed);
        }
        return bytes.toByteArray();
    }

    static Object read(byte[] data, String what) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data)) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
                try {
                    return Class.forName(description.getName(), false, Payloads.class.getClassLoader());
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
