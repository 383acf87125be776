package org.fundflow.selfevaluation.template;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A self-evaluation template: everything that differs between the national form of 财预〔2020〕10号 and the local forms
 * is here, as data. Load the shipped ones with {@link Templates#load(String)}; the file format is described in the
 * module README.
 *
 * @param farExceededPercent an indicator achieved above this percentage of its target scores its full weight but is
 *                           flagged for review (the documents say "高于指标值较高的…分析其原因")
 */
public record Template(String name, String title, Execution execution, List<Group> groups,
        BigDecimal farExceededPercent, NotApplicable notApplicable, List<TierBand> tiers, GradeBands grades) {

    public Template {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(execution, "execution");
        groups = List.copyOf(groups);
        tiers = List.copyOf(tiers);
        Objects.requireNonNull(farExceededPercent, "farExceededPercent");
        Objects.requireNonNull(notApplicable, "notApplicable");
        Objects.requireNonNull(grades, "grades");
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("template " + name + " has no groups");
        }
        Set<String> seen = new HashSet<>();
        for (Group g : groups) {
            for (String n : g.names()) {
                if (!seen.add(n)) {
                    throw new IllegalArgumentException("template " + name + ": group name or alias '" + n
                            + "' is used twice");
                }
            }
        }
        if (execution.group() != null && !execution.inTotal()) {
            throw new IllegalArgumentException("template " + name + ": an execution row inside a group counts in the"
                    + " total (set inTotal true or drop the group)");
        }
        if (execution.group() != null && !seen.contains(execution.group())) {
            throw new IllegalArgumentException("template " + name + ": the execution row's group '"
                    + execution.group() + "' is not one of its groups");
        }
        if (farExceededPercent.compareTo(BigDecimal.valueOf(100)) < 0) {
            throw new IllegalArgumentException("template " + name + ": farExceededPercent must be at least 100");
        }
        for (Tier t : Tier.values()) {
            if (tiers.stream().noneMatch(b -> b.tier() == t)) {
                throw new IllegalArgumentException("template " + name + " has no band for tier " + t);
            }
        }
    }

    /** The group a first-level name (or one of its aliases) belongs to. */
    public Optional<Group> group(String level1) {
        if (level1 == null) {
            return Optional.empty();
        }
        String s = level1.strip();
        return groups.stream().filter(g -> g.names().contains(s)).findFirst();
    }

    public TierBand band(Tier tier) {
        return tiers.stream().filter(b -> b.tier() == tier).findFirst().orElseThrow();
    }

    /**
     * The 预算执行率 row. Its score is {@code weight × min(rate, 1)}.
     *
     * @param inTotal whether the score counts in the total (离石 prints the row with 分值 100 outside the total)
     * @param group   the group the row sits in (晋中's scorecard puts it under 投入 / 资金落实), or null for a row of
     *                its own
     */
    public record Execution(String label, BigDecimal weight, boolean inTotal, String group) {
        public Execution {
            Objects.requireNonNull(label, "execution.label");
            Objects.requireNonNull(weight, "execution.weight");
            if (weight.signum() < 0) {
                throw new IllegalArgumentException("execution.weight must not be negative");
            }
        }
    }

    /**
     * A first-level group (一级指标).
     *
     * @param weight the points the template gives the group, or null where each form sets its own (离石)
     * @param aliases other first-level names that mean this group ("产出" for "产出指标")
     */
    public record Group(String name, BigDecimal weight, List<String> aliases) {
        public Group {
            Objects.requireNonNull(name, "group.name");
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }

        public List<String> names() {
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(name), aliases.stream()).toList();
        }
    }

    /** What happens to the weight of an indicator marked not applicable. */
    public enum NotApplicable {
        /** Dropped; nothing rescaled, so the maximum shrinks. */
        NONE,
        /** The rest of its group share its weight in proportion; a group dropped whole is shared by all the rest. */
        WITHIN_GROUP,
        /** All remaining indicators share its weight in proportion. */
        ACROSS_ALL
    }

    /**
     * The share of the weight a qualitative tier allows, in percent, both ends inclusive (the documents' bands touch:
     * "100%-80%，80%-60%，60%-0%"). {@code defaultPercent} is used when a submitter names the tier but gives no
     * percentage and no score.
     */
    public record TierBand(Tier tier, BigDecimal minPercent, BigDecimal maxPercent, BigDecimal defaultPercent) {
        public TierBand {
            Objects.requireNonNull(tier, "tier");
            if (minPercent.compareTo(maxPercent) > 0 || defaultPercent.compareTo(minPercent) < 0
                    || defaultPercent.compareTo(maxPercent) > 0) {
                throw new IllegalArgumentException("tier " + tier + ": need min ≤ default ≤ max");
            }
        }

        public boolean contains(BigDecimal percent) {
            return percent.compareTo(minPercent) >= 0 && percent.compareTo(maxPercent) <= 0;
        }
    }

    /** Lower bounds of 优, 良 and 中; anything below {@code fair} is 差. */
    public record GradeBands(BigDecimal excellent, BigDecimal good, BigDecimal fair) {
        public GradeBands {
            if (excellent.compareTo(good) <= 0 || good.compareTo(fair) <= 0) {
                throw new IllegalArgumentException("grade bands must descend: excellent > good > fair");
            }
        }
    }
}
