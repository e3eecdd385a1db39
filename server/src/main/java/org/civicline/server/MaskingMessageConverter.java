package org.civicline.server;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.civicline.core.PhoneMask;

/** Logback's {@code %msg} with residents' phone numbers masked, whatever code wrote the line. */
public final class MaskingMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return PhoneMask.mask(super.convert(event));
    }
}
