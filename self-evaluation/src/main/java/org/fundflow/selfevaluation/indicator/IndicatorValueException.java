package org.fundflow.selfevaluation.indicator;

/**
 * A target or actual value that cannot be read or scored. It names the indicator and quotes the text, so the message
 * can go back to whoever filled in the form: never a silent zero.
 */
public class IndicatorValueException extends IllegalArgumentException {
    private final String indicator;
    private final String text;

    public IndicatorValueException(String indicator, String text, String reason) {
        super("indicator '" + indicator + "': '" + text + "' " + reason);
        this.indicator = indicator;
        this.text = text;
    }

    public String indicator() {
        return indicator;
    }

    public String text() {
        return text;
    }
}
