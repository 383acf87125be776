package org.fundflow.selfevaluation.indicator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.fundflow.selfevaluation.discrepancy.Discrepancy.Figure;
import org.fundflow.selfevaluation.discrepancy.Findings;
import org.fundflow.selfevaluation.discrepancy.ReviewFlag.Kind;
import org.fundflow.selfevaluation.indicator.IndicatorScore.Basis;
import org.fundflow.selfevaluation.indicator.ParsedValue.Quantity;
import org.fundflow.selfevaluation.template.Template;
import org.fundflow.selfevaluation.template.Tier;

/**
 * Scores one indicator row.
 * <ul>
 * <li>Quantitative, measured: met → full weight; missed → weight × actual/target, or weight × target/actual when lower
 * is better (≤, &lt;); achieved above the template's far-exceeded percentage → full weight and a review flag.</li>
 * <li>Qualitative, relative to last year, a scorecard criterion with no target, or quantitative with no numeric
 * actual: the submitter's judgement — a percentage (checked to lie in the tier, if one is named), else a tier (the
 * printed score must lie in it, else the template's default for the tier), else the printed score (checked to lie
 * between 0 and the weight).</li>
 * </ul>
 * Used by the scoring package; call {@code SelfEvaluationScorer} rather than this.
 */
public final class IndicatorScorer {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private IndicatorScorer() {
    }

    /**
     * @param group  the template group the row belongs to
     * @param weight the weight after rescaling for not-applicable rows (ignored for unweighted or not-applicable rows)
     */
    public static IndicatorScore score(Indicator row, String group, BigDecimal weight, Template template,
            Findings findings) {
        String name = row.name();
        if (row.weight() == null) {
            return new IndicatorScore(row, group, null, null, Basis.UNWEIGHTED, null, null);
        }
        if (row.weight().signum() < 0) {
            throw new IndicatorValueException(name, row.weight().toPlainString(), "is a negative weight");
        }
        if (row.notApplicable()) {
            return new IndicatorScore(row, group, BigDecimal.ZERO.setScale(2), null, Basis.NOT_APPLICABLE, null, null);
        }
        if (row.kind() == Indicator.Kind.QUALITATIVE) {
            return judged(row, group, weight, template, findings, true);
        }
        ParsedValue target = blank(row.target()) ? null : ValueParser.parse(name, row.target());
        if (row.kind() == Indicator.Kind.QUANTITATIVE && !(target instanceof Quantity)) {
            throw new IndicatorValueException(name, String.valueOf(row.target()),
                    "is not a number, but the indicator is marked quantitative");
        }
        if (target == null) {
            return judged(row, group, weight, template, findings, true);
        }
        if (target instanceof ParsedValue.Qualitative) {
            return judged(row, group, weight, template, findings, true);
        }
        if (target instanceof ParsedValue.Relative rel) {
            findings.flag(Kind.RELATIVE_TARGET, name, "target '" + rel.text() + "' is relative to " + rel.reference()
                    + ", which the form does not give: scored as judged");
            return judged(row, group, weight, template, findings, true);
        }
        Quantity t = (Quantity) target;
        if (blank(row.actual())) {
            findings.flag(Kind.NOT_MEASURED, name, "no actual value for target '" + t.text()
                    + "': the score is the submitter's");
            return judged(row, group, weight, template, findings, false);
        }
        ParsedValue actual = ValueParser.parse(name, row.actual());
        if (!(actual instanceof Quantity a)) {
            findings.flag(Kind.NOT_MEASURED, name, "actual '" + actual.text() + "' is not a number for target '"
                    + t.text() + "': the score is the submitter's");
            return judged(row, group, weight, template, findings, false);
        }
        return measured(row, group, weight, t, a, template, findings);
    }

    private static IndicatorScore measured(Indicator row, String group, BigDecimal weight, Quantity target,
            Quantity actual, Template template, Findings findings) {
        String name = row.name();
        BigDecimal[] tx = comparable(name, target, actual);
        BigDecimal t = tx[0];
        BigDecimal x = tx[1];
        boolean reverse = target.comparison().lowerIsBetter();
        // performance as a fraction of target; null stands for "infinitely better" (reverse target, actual zero)
        BigDecimal ratio;
        BigDecimal score;
        String rule;
        String w = plain(weight.setScale(2, RoundingMode.HALF_UP));
        if (!reverse) {
            ratio = t.signum() == 0 ? BigDecimal.ONE : x.divide(t, 10, RoundingMode.HALF_UP);
            score = ratio.compareTo(BigDecimal.ONE) >= 0 ? weight : weight.multiply(x).divide(t, 2,
                    RoundingMode.HALF_UP);
            rule = w + " × min(actual/target, 1) = " + w + " × min(" + plain(x) + "/" + plain(t) + ", 1)";
        } else {
            ratio = x.signum() == 0 ? (t.signum() == 0 ? BigDecimal.ONE : null) : t.divide(x, 10,
                    RoundingMode.HALF_UP);
            score = ratio == null || ratio.compareTo(BigDecimal.ONE) >= 0 ? weight : weight.multiply(t).divide(x, 2,
                    RoundingMode.HALF_UP);
            rule = "lower is better (" + target.comparison().symbol() + "): " + w + " × min(target/actual, 1) = " + w
                    + " × min(" + plain(t) + "/" + plain(x) + ", 1)";
        }
        score = score.setScale(2, RoundingMode.HALF_UP);
        BigDecimal threshold = template.farExceededPercent().divide(HUNDRED);
        if (ratio == null || ratio.compareTo(threshold) > 0) {
            findings.flag(Kind.FAR_EXCEEDED, name, "actual '" + actual.text() + "' against target '" + target.text()
                    + "' is above " + plain(template.farExceededPercent()) + " % of target: full weight, review"
                    + " whether the target was set too low");
        }
        findings.compareScore(Figure.ROW_SCORE, name, row.printedScore(), score, rule);
        BigDecimal achieved = ratio == null ? null : ratio.multiply(HUNDRED).setScale(2, RoundingMode.HALF_UP);
        return new IndicatorScore(row, group, weight.setScale(2, RoundingMode.HALF_UP), score, Basis.MEASURED,
                achieved, null);
    }

    /**
     * Target and actual in one unit. A bare number takes the other side's unit (and multiplier, unless it has its
     * own); against a percentage it is a fraction when at most 1 (0.95 = 95 %), else percentage points.
     */
    static BigDecimal[] comparable(String name, Quantity target, Quantity actual) {
        if (target.unit() == actual.unit()) {
            return new BigDecimal[] {target.base(), actual.base()};
        }
        if (target.unit() != null && actual.unit() != null) {
            throw new IndicatorValueException(name, actual.text(), "is in " + actual.unit().symbol()
                    + " but the target '" + target.text() + "' is in " + target.unit().symbol());
        }
        Quantity bare = target.unit() == null ? target : actual;
        Quantity unit = bare == target ? actual : target;
        BigDecimal b;
        if (unit.unit() == Unit.PERCENT) {
            b = bare.base().compareTo(BigDecimal.ONE) <= 0 ? bare.base().multiply(HUNDRED) : bare.base();
        } else {
            b = bare.multiplier().compareTo(BigDecimal.ONE) == 0 ? bare.value().multiply(unit.multiplier())
                    : bare.base();
        }
        return bare == target ? new BigDecimal[] {b, unit.base()} : new BigDecimal[] {unit.base(), b};
    }

    private static IndicatorScore judged(Indicator row, String group, BigDecimal weight, Template template,
            Findings findings, boolean tiered) {
        String name = row.name();
        BigDecimal w = weight.setScale(2, RoundingMode.HALF_UP);
        BigDecimal printed = row.printedScore();
        Tier tier = row.tier();
        BigDecimal score;
        if (row.percent() != null) {
            BigDecimal pct = row.percent();
            if (pct.signum() < 0 || pct.compareTo(HUNDRED) > 0) {
                throw new IndicatorValueException(name, pct.toPlainString() + "%", "is not a share of the weight"
                        + " (0–100 %)");
            }
            if (tier != null && !template.band(tier).contains(pct)) {
                Template.TierBand band = template.band(tier);
                throw new IndicatorValueException(name, pct.toPlainString() + "%", "is outside tier " + tier.label()
                        + " (" + plain(band.minPercent()) + "–" + plain(band.maxPercent()) + " % of the weight)");
            }
            score = weight.multiply(pct).divide(HUNDRED, 2, RoundingMode.HALF_UP);
            if (tier == null && tiered) {
                tier = tierOf(pct, template);
            }
            findings.compareScore(Figure.ROW_SCORE, name, printed, score, w.toPlainString() + " × " + plain(pct)
                    + " % (the submitter's percentage)");
        } else if (tier != null) {
            Template.TierBand band = template.band(tier);
            if (printed != null && weight.signum() > 0) {
                BigDecimal pct = printed.multiply(HUNDRED).divide(weight, 10, RoundingMode.HALF_UP);
                if (band.contains(pct)) {
                    score = printed.setScale(2, RoundingMode.HALF_UP);
                } else {
                    BigDecimal clamped = pct.max(band.minPercent()).min(band.maxPercent());
                    score = weight.multiply(clamped).divide(HUNDRED, 2, RoundingMode.HALF_UP);
                    findings.compareScore(Figure.ROW_SCORE, name, printed, score, "tier " + tier.label()
                            + " allows " + plain(band.minPercent()) + "–" + plain(band.maxPercent())
                            + " % of the weight " + w.toPlainString());
                }
            } else {
                score = weight.multiply(band.defaultPercent()).divide(HUNDRED, 2, RoundingMode.HALF_UP);
                findings.flag(Kind.TIER_DEFAULT, name, "tier " + tier.label() + " without a percentage: scored at "
                        + plain(band.defaultPercent()) + " % of the weight");
                findings.compareScore(Figure.ROW_SCORE, name, printed, score, "the template's default for tier "
                        + tier.label());
            }
        } else if (printed != null) {
            if (printed.signum() < 0 || printed.compareTo(weight) > 0) {
                score = printed.max(BigDecimal.ZERO).min(weight).setScale(2, RoundingMode.HALF_UP);
                findings.compareScore(Figure.ROW_SCORE, name, printed, score, "a row scores between 0 and its weight "
                        + w.toPlainString());
            } else {
                score = printed.setScale(2, RoundingMode.HALF_UP);
            }
            if (tiered && weight.signum() > 0) {
                tier = tierOf(score.multiply(HUNDRED).divide(weight, 10, RoundingMode.HALF_UP), template);
            }
        } else {
            findings.flag(Kind.NOT_SCORED, name, "no tier, percentage or printed score: the totals that include it"
                    + " cannot be recomputed");
            return new IndicatorScore(row, group, w, null, Basis.NOT_SCORED, null, null);
        }
        return new IndicatorScore(row, group, w, score, Basis.JUDGED, null, tiered ? tier : null);
    }

    /** The best tier whose band holds the percentage (the bands touch: 80 % is 达成). */
    static Tier tierOf(BigDecimal percent, Template template) {
        for (Tier t : Tier.values()) {
            if (template.band(t).contains(percent)) {
                return t;
            }
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String plain(BigDecimal n) {
        BigDecimal s = n.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
