package io.aisprint.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.model.SystemDescription;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The main loop on mask-detection with a load profile that doubles λ mid-run: the detector's
 * QoS rule fires on measured response times, the replanner scales the VM cluster out within a few
 * seconds, response times come back under the limits, and no request is lost.
 */
class LoadChangeEndToEndTest {

    @Test
    void doublingTheLoadIsDetectedAndFixedByReplacementWithoutLosingRequests() {
        SystemDescription system = Examples.maskDetection();
        // 1.5 → 3 frames/s: one t3.xlarge goes from 30 % to 60 % busy. The QoS window is 16 s so that a
        // burst at the low load (or a busy build machine) does not look like a violation.
        LoadProfile profile = new LoadProfile(List.of(new LoadProfile.Step(0, 1.5), new LoadProfile.Step(20, 3)));
        RunOptions options = new RunOptions(profile, 60, 0.5, 3, 16, 15, 0.4, 6, 1.2, 0.1, 1.0, 30, true);

        RunResult result = ApplicationManager.run(system, options, new RunListener() {
            @Override
            public void tick(RunResult.TimelinePoint point) {
                System.out.printf("t=%5.1f lam=%.2f %s util=%s viol=%s in=%d done=%d failed=%d%n", point.time(),
                        point.lambdaObserved(), point.responseTimes(), point.utilisation(), point.violating(),
                        point.requestsIn(), point.completed(), point.failed());
            }

            @Override
            public void replanned(RunResult.ReplanAttempt attempt) {
                System.out.println("REPLAN " + attempt);
            }
        });

        result.replacements().forEach(r -> System.out.println("REPLACED " + r.time() + " " + r.after().instances()));
        assertThat(result.requestsIn()).isGreaterThan(100);
        assertThat(result.requestsIn()).isEqualTo(result.requestsCompleted() + result.requestsFailed());
        assertThat(result.requestsFailed()).as("failures: %s", result.failureReasons()).isZero();
        // Detection: the doubling at 20 s is caught — by the monitor's QoS rule or by the load-change
        // check, whichever fires first — and answered by scaling the VM cluster out.
        RunResult.Replacement first = result.replacements().stream().filter(r -> r.time() > 20).findFirst().orElseThrow();
        assertThat(first.time()).as("re-placed soon after the load doubled").isLessThan(40);
        assertThat(first.reason()).matches("(QoS violation|load change).*");
        assertThat(first.after().instances().get("VM-t3xlarge")).isGreaterThan(first.before().instances().get("VM-t3xlarge"));
        assertThat(first.after().instances()).containsEntry("RaspberryPi4", 1);
        assertThat(first.costPerHourAfter()).isGreaterThan(first.costPerHourBefore());
        assertThat(first.replanSeconds()).isLessThan(1.0);
        // What fired must be visible in the timeline up to the decision (each tick records what it saw).
        List<RunResult.TimelinePoint> upToDecision = result.timeline().stream()
                .filter(p -> p.time() > 20 && p.time() <= first.time() + options.tick()).toList();
        if (first.reason().startsWith("QoS violation")) {
            RunResult.TimelinePoint violation = upToDecision.stream().filter(p -> !p.violating().isEmpty()).findFirst()
                    .orElseThrow(() -> new AssertionError("a QoS re-placement at " + first.time() + " s with no violating window before it"));
            assertThat(first.time() - violation.time()).as("seconds from the violation to the re-placement").isLessThan(8);
            assertThat(result.qosViolationSeconds()).isPositive();
        } else {
            assertThat(upToDecision).as("the observed load rose above 1.5/s before a load-change re-placement")
                    .anySatisfy(p -> assertThat(p.lambdaObserved()).isGreaterThan(1.5 * 1.2));
        }

        // The last 10 s of arrivals run on the new placement: mean response times are back under the limits.
        List<RunResult.TimelinePoint> tail = result.timeline().stream()
                .filter(p -> p.time() > 50 && p.time() <= 60).toList();
        assertThat(tail).isNotEmpty();
        for (RunResult.TimelinePoint point : tail) {
            assertThat(point.responseTimes().get("mask-detector").mean()).isLessThan(0.4);
            assertThat(point.responseTimes().get("blurry-faces").mean()).isLessThan(0.5);
        }
    }
}
