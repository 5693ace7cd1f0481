package io.aisprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileParameterTest {
    @TempDir
    Path dir;

    @Test
    void fileWritesAreVersionedSoReadersKeepTheirVersion() throws Exception {
        Path file = dir.resolve("data.txt");
        Files.writeString(file, "v0");
        CountDownLatch release = new CountDownLatch(1);
        try (TaskRuntime runtime = TaskRuntime.local(2)) {
            TaskFuture<String> reader = runtime.task("slow-reader").fileIn(file).call(ctx -> {
                assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
                return Files.readString(ctx.path(file));
            });
            runtime.task("append").fileInout(file).run(ctx -> Files.writeString(ctx.path(file), Files.readString(ctx.path(file)) + "+v1"));
            TaskFuture<String> after = runtime.task("reader-after").fileIn(file).call(ctx -> Files.readString(ctx.path(file)));
            // The INOUT writer worked on a renamed copy, so it did not wait for the slow reader.
            assertThat(after.get()).isEqualTo("v0+v1");
            assertThat(Files.readString(file)).as("the declared file is only updated at a wait").isEqualTo("v0");
            release.countDown();
            assertThat(reader.get()).isEqualTo("v0");
            assertThat(Files.readString(runtime.waitOnFile(file))).isEqualTo("v0+v1");
        }
    }

    @Test
    void replacedFileVersionsAreDeletedSoDiskUseStaysBounded() throws Exception {
        Path file = dir.resolve("counter.txt");
        Path work = dir.resolve("work");
        Files.writeString(file, "0");
        try (TaskRuntime runtime = TaskRuntime.builder().node(NodeSpec.of("n", 2)).workDir(work).build()) {
            for (int i = 0; i < 200; i++) {
                runtime.task("increment").fileInout(file).run(ctx ->
                        Files.writeString(ctx.path(file), String.valueOf(Integer.parseInt(Files.readString(ctx.path(file))) + 1)));
                runtime.task("peek").fileIn(file).call(ctx -> Files.readString(ctx.path(file)));
            }
            runtime.barrier();
            assertThat(Files.readString(runtime.waitOnFile(file))).isEqualTo("200");
            try (var versions = Files.list(work)) {
                assertThat(versions.count()).as("renamed versions left in the work folder").isLessThanOrEqualTo(1);
            }
        }
        try (var versions = Files.list(work)) {
            assertThat(versions.count()).as("close removes the last one").isZero();
        }
    }

    @Test
    void outFilesAreWrittenBackAtClose() throws Exception {
        Path out = dir.resolve("out/result.txt");
        try (TaskRuntime runtime = TaskRuntime.local(2)) {
            runtime.task("produce").fileOut(out).run(ctx -> Files.writeString(ctx.path(out), "hello"));
            runtime.task("overwrite").fileOut(out).run(ctx -> Files.writeString(ctx.path(out), "second"));
        }
        assertThat(Files.readString(out)).isEqualTo("second");
    }

    @Test
    void outFileNeverWrittenIsAClearTaskError() {
        Path out = dir.resolve("missing.txt");
        try (TaskRuntime runtime = TaskRuntime.local(1)) {
            TaskFuture<Void> future = runtime.task("lazy").fileOut(out).onFailure(FailurePolicy.CANCEL_SUCCESSORS)
                    .run(ctx -> { });
            assertThatThrownBy(future::get).isInstanceOf(TaskFailedException.class)
                    .hasMessageContaining("declares FILE_OUT").hasMessageContaining("ctx.path");
        }
    }

    @Test
    void directoriesAreCopiedAsAWhole() throws Exception {
        Path folder = dir.resolve("tiles");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("a.txt"), "a");
        try (TaskRuntime runtime = TaskRuntime.local(2)) {
            runtime.task("add-tile").directory(null, Direction.INOUT, folder)
                    .run(ctx -> Files.writeString(ctx.path(folder).resolve("b.txt"), "b"));
            TaskFuture<Long> count = runtime.task("count").directory(null, Direction.IN, folder).call(ctx -> {
                try (var list = Files.list(ctx.path(folder))) {
                    return list.count();
                }
            });
            assertThat(count.get()).isEqualTo(2L);
            runtime.waitOnFile(folder);
            assertThat(folder.resolve("b.txt")).hasContent("b");
        }
    }

    @Test
    void deleteFileWaitsForItsUsersThenRemovesEveryVersion() throws Exception {
        Path file = dir.resolve("temp.bin");
        try (TaskRuntime runtime = TaskRuntime.local(2)) {
            runtime.task("write").fileOut(file).run(ctx -> Files.writeString(ctx.path(file), "x"));
            TaskFuture<String> read = runtime.task("read").fileIn(file).call(ctx -> Files.readString(ctx.path(file)));
            runtime.deleteFile(file);
            assertThat(read.isDone()).isTrue();
            assertThat(read.get()).isEqualTo("x");
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void undeclaredFileIsRejectedWithAHint() {
        Path file = dir.resolve("x.txt");
        try (TaskRuntime runtime = TaskRuntime.local(1)) {
            TaskFuture<Path> future = runtime.task("sneaky").onFailure(FailurePolicy.CANCEL_SUCCESSORS)
                    .call(ctx -> ctx.path(file));
            assertThatThrownBy(future::get).hasMessageContaining("did not declare").hasMessageContaining(".fileIn(path)");
        }
    }
}
