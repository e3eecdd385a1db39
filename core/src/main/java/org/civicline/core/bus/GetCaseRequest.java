package org.civicline.core.bus;

public record GetCaseRequest(String number) {
}
