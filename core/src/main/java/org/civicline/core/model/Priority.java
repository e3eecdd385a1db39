package org.civicline.core.model;

/** How urgent a contact or case is; drives queue order and caps the case time limit. Declared most urgent first. */
public enum Priority {
    /** One-touch alarm, danger to life or property. */
    EMERGENCY("紧急"),
    URGENT("加急"),
    NORMAL("一般"),
    LOW("咨询");

    private final String label;

    Priority(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
