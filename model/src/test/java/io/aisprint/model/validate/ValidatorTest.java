package io.aisprint.model.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.model.Application;
import io.aisprint.model.Component;
import io.aisprint.model.ComputationalLayer;
import io.aisprint.model.Continuum;
import io.aisprint.model.Dag;
import io.aisprint.model.Deployment;
import io.aisprint.model.FaasResource;
import io.aisprint.model.GlobalConstraint;
import io.aisprint.model.LocalConstraint;
import io.aisprint.model.NetworkDomain;
import io.aisprint.model.NodeResource;
import io.aisprint.model.Partition;
import io.aisprint.model.PerformanceModel;
import io.aisprint.model.PerformanceTable;
import io.aisprint.model.Problem;
import io.aisprint.model.ResourceKind;
import io.aisprint.model.SystemDescription;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidatorTest {
    /** Puts the subject in the location so the tests can check what each problem is attached to. */
    private static final Locator LOCATOR = (subject, message) ->
            new Problem("test", subject.kind() + String.valueOf(subject.names()), message);

    private static Partition partition(String name, List<String> next, Map<String, Double> memory) {
        return new Partition(name, 0.0, next, next.stream().map(n -> 1.0).toList(), memory);
    }

    /** a -> b, b on the edge device or split edge/VM; c is FaaS-only after b. */
    private static SystemDescription valid() {
        Component a = new Component("a", List.of(new Deployment("s1", List.of(partition("h1", List.of("b"), Map.of("pi", 100.0))))));
        Component b = new Component("b", List.of(
                new Deployment("s1", List.of(partition("h1", List.of("c"), Map.of("pi", 200.0)))),
                new Deployment("s2", List.of(partition("h2", List.of("h3"), Map.of("pi", 50.0)),
                        partition("h3", List.of("c"), Map.of("vm", 100.0))))));
        Component c = new Component("c", List.of(new Deployment("s1", List.of(partition("h1", List.of(), Map.of("fn", 128.0))))));
        Dag dag = new Dag(List.of("a", "b", "c"), List.of(new Dag.Edge("a", "b", 1.0), new Dag.Edge("b", "c", 0.5)));
        Application application = new Application("t", List.of(a, b, c), dag, List.of(new LocalConstraint("b", 1.0)),
                List.of(new GlobalConstraint("p1", List.of("a", "b", "c"), 3.0)), 0.5, 1.0);
        Continuum continuum = new Continuum(List.of(
                new ComputationalLayer("L1", ResourceKind.EDGE, List.of(new NodeResource("pi", "L1", ResourceKind.EDGE, "", 1, 0.4, 4096, 4))),
                new ComputationalLayer("L2", ResourceKind.VM, List.of(new NodeResource("vm", "L2", ResourceKind.VM, "", 2, 0.2, 8192, 2))),
                new ComputationalLayer("L3", ResourceKind.FAAS, List.of(new FaasResource("fn", "L3", "", 1e-5, 1024, 600, 0)))),
                List.of(new NetworkDomain("ND", List.of("L1", "L2", "L3"), 0.01, 100)));
        Map<PerformanceTable.Key, PerformanceModel> models = new LinkedHashMap<>();
        models.put(new PerformanceTable.Key("a", "h1", "pi"), new PerformanceModel.QueueDemand("QTedge", 0.1));
        models.put(new PerformanceTable.Key("b", "h1", "pi"), new PerformanceModel.QueueDemand("QTedge", 0.3));
        models.put(new PerformanceTable.Key("b", "h2", "pi"), new PerformanceModel.QueueDemand("QTedge", 0.1));
        models.put(new PerformanceTable.Key("b", "h3", "vm"), new PerformanceModel.QueueDemand("QTcloud", 0.1));
        models.put(new PerformanceTable.Key("c", "h1", "fn"), new PerformanceModel.FaasDemand("PACSLTK", 0.5, 1.5));
        return new SystemDescription(application, continuum, new PerformanceTable(models), null);
    }

    private static List<Problem> validate(SystemDescription system) {
        return Validator.validate(system, LOCATOR, true);
    }

    @Test
    void aValidSystemHasNoProblems() {
        assertThat(validate(valid())).isEmpty();
    }

    @Test
    void cyclesUnknownNamesAndProbabilitiesAreAllReportedAtOnce() {
        SystemDescription base = valid();
        Application app = base.application();
        Dag broken = new Dag(app.dag().nodes(), List.of(new Dag.Edge("a", "b", 1.2), new Dag.Edge("b", "c", 0.5),
                new Dag.Edge("c", "a", 0.3), new Dag.Edge("b", "ghost", 0.7)));
        Application changed = new Application("t", app.components(), broken, app.localConstraints(), app.globalConstraints(), 0.5, 1);
        List<Problem> problems = validate(new SystemDescription(changed, base.continuum(), base.performance(), null));
        assertThat(problems).extracting(Problem::location).contains("DAG[]", "DAG_EDGE[a, b]", "DAG_EDGE[b, ghost]", "DAG_NODE[b]");
        assertThat(problems).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("cycle (a -> b -> c -> a)"))
                .anySatisfy(m -> assertThat(m).contains("1.2", "[0, 1]"))
                .anySatisfy(m -> assertThat(m).contains("unknown component ghost"))
                .anySatisfy(m -> assertThat(m).contains("sum to 1.2"));
    }

    @Test
    void partitionChainsCompatibilityAndPerformanceAreChecked() {
        SystemDescription base = valid();
        Application app = base.application();
        Component b = new Component("b", List.of(new Deployment("s2", List.of(
                partition("h2", List.of("elsewhere"), Map.of("pi", 50.0, "vm", 60.0)),
                partition("h3", List.of("c"), Map.of("vm", 100.0, "no-such-vm", 10.0)))),
                new Deployment("s3", List.of(partition("h4", List.of("c"), Map.of())))));
        Application changed = new Application("t", List.of(app.components().get(0), b, app.components().get(2)), app.dag(),
                app.localConstraints(), app.globalConstraints(), 0.5, 1);
        List<Problem> problems = validate(new SystemDescription(changed, base.continuum(), base.performance(), null));
        assertThat(problems).extracting(Problem::location).contains("PARTITION[b, s2, h2]",
                "COMPATIBILITY[b, s2, h3, no-such-vm]", "PARTITION[b, s3, h4]", "PERFORMANCE[b, h2, vm]")
                .as("an unknown resource is reported once, not again as a missing declaration")
                .doesNotContain("PERFORMANCE[b, h3, no-such-vm]");
        assertThat(problems).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("chain is broken", "[h3]"))
                .anySatisfy(m -> assertThat(m).contains("no compatible resource"))
                .anySatisfy(m -> assertThat(m).contains("no performance declaration"));
        // without required declarations, an empty performance table is not a problem (application directories)
        SystemDescription bare = new SystemDescription(base.application(), base.continuum(), new PerformanceTable(Map.of()), null);
        assertThat(Validator.validate(bare, LOCATOR, false)).isEmpty();
        assertThat(Validator.validate(bare, LOCATOR, true)).hasSize(5);
    }

    @Test
    void costsCapacitiesWorkloadAndConstraintsMustBeSensible() {
        SystemDescription base = valid();
        Application app = base.application();
        Continuum continuum = new Continuum(List.of(
                new ComputationalLayer("L1", ResourceKind.EDGE, List.of(new NodeResource("pi", "L1", ResourceKind.EDGE, "", 0, 0, 4096, 4))),
                new ComputationalLayer("L2", ResourceKind.VM, List.of(new NodeResource("vm", "L2", ResourceKind.VM, "", 2, -0.2, -1, 2))),
                new ComputationalLayer("L3", ResourceKind.FAAS, List.of(new FaasResource("fn", "L3", "", 1e-5, 1024, 600, 0)))),
                List.of(new NetworkDomain("ND", List.of("L1", "L2", "L9"), -1, 0)));
        Application changed = new Application("t", app.components(), app.dag(),
                List.of(new LocalConstraint("zz", 1.0), new LocalConstraint("b", 0)),
                List.of(new GlobalConstraint("p1", List.of("a", "c"), 3.0)), -1, 0);
        List<Problem> problems = validate(new SystemDescription(changed, continuum, base.performance(), null));
        assertThat(problems).extracting(p -> p.location() + " " + p.message())
                .anySatisfy(m -> assertThat(m).startsWith("RESOURCE[L1, pi]").contains("cost 0.0"))
                .anySatisfy(m -> assertThat(m).startsWith("RESOURCE[L1, pi]").contains("number 0"))
                .anySatisfy(m -> assertThat(m).startsWith("RESOURCE[L2, vm]").contains("cost -0.2"))
                .anySatisfy(m -> assertThat(m).startsWith("RESOURCE[L2, vm]").contains("memory -1.0"))
                .anySatisfy(m -> assertThat(m).startsWith("NETWORK_DOMAIN[ND]").contains("unknown computational layer L9"))
                .anySatisfy(m -> assertThat(m).startsWith("NETWORK_DOMAIN[ND]").contains("bandwidth"))
                .anySatisfy(m -> assertThat(m).startsWith("LOCAL_CONSTRAINT[zz]").contains("unknown component zz"))
                .anySatisfy(m -> assertThat(m).startsWith("LOCAL_CONSTRAINT[b]").contains("positive"))
                .anySatisfy(m -> assertThat(m).startsWith("GLOBAL_CONSTRAINT[p1]").contains("not consecutive", "a -> c"))
                .anySatisfy(m -> assertThat(m).startsWith("LAMBDA[]"))
                .anySatisfy(m -> assertThat(m).startsWith("TIME[]"));
    }
}
