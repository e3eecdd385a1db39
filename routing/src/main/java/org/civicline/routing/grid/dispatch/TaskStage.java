package org.civicline.routing.grid.dispatch;

/** Where a grid task stands: offered → accepted → arrived → handled → finished. */
public enum TaskStage {
    OFFERED, ACCEPTED, ARRIVED, HANDLED, FINISHED
}
