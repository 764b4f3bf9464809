package uk.hallmonitor;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The module graph as the code has it: which top-level package of {@code root} uses which, found in the bytecode,
 * and the checks every module must pass (allowed uses only, no cycles, nobody in another module's {@code internal}).
 * It takes the root package so the same checks can be shown failing on a fixture.
 */
record ModuleGraph(String root, Map<String, Set<String>> uses, Map<String, List<String>> examples) {

    static ModuleGraph of(String root, JavaClasses classes) {
        Map<String, Set<String>> uses = new TreeMap<>();
        Map<String, List<String>> examples = new TreeMap<>();
        for (JavaClass type : classes) {
            Optional<String> from = moduleOf(root, type);
            if (from.isEmpty()) {
                continue;
            }
            uses.computeIfAbsent(from.get(), module -> new TreeSet<>());
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                Optional<String> to = moduleOf(root, dependency.getTargetClass());
                if (to.isPresent() && !to.get().equals(from.get())) {
                    uses.get(from.get()).add(to.get());
                    List<String> seen =
                            examples.computeIfAbsent(from.get() + "->" + to.get(), edge -> new ArrayList<>());
                    if (seen.size() < 3) {
                        seen.add(dependency.getDescription());
                    }
                }
            }
        }
        return new ModuleGraph(root, uses, examples);
    }

    private static Optional<String> moduleOf(String root, JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith(root + ".")) {
            return Optional.empty();
        }
        String rest = name.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }

    /** Every use that the table does not allow, with up to three of the dependencies that make it. */
    List<String> usesNotAllowed(Map<String, Set<String>> allowed) {
        List<String> wrong = new ArrayList<>();
        uses.forEach((module, targets) -> {
            for (String target : targets) {
                if (!allowed.getOrDefault(module, Set.of()).contains(target)) {
                    wrong.add(module + " uses " + target + ", which its row of the table does not allow: "
                            + examples.get(module + "->" + target));
                }
            }
        });
        return wrong;
    }

    /** Fails with ArchUnit's report of every cycle between the top-level packages. */
    void checkNoCycles(JavaClasses classes) {
        SlicesRuleDefinition.slices().matching(root + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    /**
     * Fails if a class depends on an {@code internal} package it is not beside: {@code a.b.internal} may be used from
     * {@code a.b} and below only, so no module reaches into another's internals, and inside a module a sub-package's
     * internals ({@code sla.calendar.internal}) stay its own.
     */
    void checkNoInternalReach(JavaClasses classes) {
        List<String> wrong = new ArrayList<>();
        for (JavaClass type : classes) {
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                String target = dependency.getTargetClass().getPackageName() + ".";
                int internal = target.indexOf(".internal.");
                if (target.startsWith(root + ".") && internal >= 0
                        && !(type.getPackageName() + ".").startsWith(target.substring(0, internal + 1))) {
                    wrong.add(dependency.getDescription());
                }
            }
        }
        if (!wrong.isEmpty()) {
            throw new AssertionError("A class reaches into an internal package that is not its own:\n  "
                    + String.join("\n  ", wrong));
        }
    }

    /** The graph as a Mermaid flowchart, modules in name order, one line per use, uses of {@code unDrawn} left out. */
    String mermaid(Set<String> unDrawn) {
        StringBuilder text = new StringBuilder("```mermaid\nflowchart LR\n");
        uses.forEach((module, targets) -> {
            List<String> drawn = targets.stream().filter(target -> !unDrawn.contains(target)).toList();
            if (drawn.isEmpty()) {
                text.append("    ").append(module).append('\n');
            }
            drawn.forEach(target -> text.append("    ").append(module).append(" --> ").append(target).append('\n'));
        });
        return text.append("```\n").toString();
    }
}
