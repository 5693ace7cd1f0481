package io.aisprint.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadProfileTest {

    @TempDir
    Path dir;

    @Test
    void readsStepsWithHeaderAndCommentsAndAnswersLambdaOverTime() throws Exception {
        Path file = Files.writeString(dir.resolve("p.csv"), "# doubling\ntime_s,lambda\n0,2\n20, 4\n40;1\n");
        LoadProfile profile = LoadProfile.read(file);
        assertThat(profile.steps()).hasSize(3);
        assertThat(profile.lambdaAt(0)).isEqualTo(2);
        assertThat(profile.lambdaAt(19.9)).isEqualTo(2);
        assertThat(profile.lambdaAt(20)).isEqualTo(4);
        assertThat(profile.lambdaAt(100)).isEqualTo(1);
        assertThat(profile.maximum()).isEqualTo(4);
    }

    @Test
    void badLinesNameTheFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.csv"), "time_s,lambda\n0,2\n10,fast\n");
        assertThatThrownBy(() -> LoadProfile.read(file)).isInstanceOf(PlatformException.class)
                .hasMessageContaining("bad.csv line 3").hasMessageContaining("fast");
    }

    @Test
    void aMisspelledHeaderColumnIsAnErrorWithItsLineAndTheColumnMeant() throws Exception {
        Path file = Files.writeString(dir.resolve("typo.csv"), "# steps\ntime_s,lamda\n0,2\n");
        assertThatThrownBy(() -> LoadProfile.read(file)).isInstanceOf(PlatformException.class)
                .hasMessageContaining("typo.csv line 2: unknown key \"lamda\"; expected one of time_s, lambda")
                .hasMessageContaining("Maybe you meant \"lambda\"?");
        Path swapped = Files.writeString(dir.resolve("swapped.csv"), "lambda,time_s\n0,2\n");
        assertThatThrownBy(() -> LoadProfile.read(swapped))
                .hasMessageContaining("swapped.csv line 1: column 1 must be \"time_s\", found \"lambda\"");
        Path third = Files.writeString(dir.resolve("third.csv"), "time_s,lambda,burst\n0,2,1\n");
        assertThatThrownBy(() -> LoadProfile.read(third)).hasMessageContaining("third.csv line 1: expected the header 'time_s,lambda'");
        Path upper = Files.writeString(dir.resolve("upper.csv"), "TIME_S;Lambda\n0;2\n");
        assertThat(LoadProfile.read(upper).steps()).hasSize(1);
    }

    @Test
    void aProfileMustStartAtZeroAndIncrease() throws Exception {
        Path late = Files.writeString(dir.resolve("late.csv"), "5,2\n");
        assertThatThrownBy(() -> LoadProfile.read(late)).hasMessageContaining("must start at time 0");
        Path back = Files.writeString(dir.resolve("back.csv"), "0,2\n10,3\n5,1\n");
        assertThatThrownBy(() -> LoadProfile.read(back)).hasMessageContaining("times must increase");
        assertThatThrownBy(() -> LoadProfile.constant(-1)).hasMessageContaining("λ must be a number ≥ 0");
    }
}
