package org.civicline.telephony.ami;

/** An AMI action that failed: Asterisk's error message, a timeout, or a lost connection. */
public final class AmiException extends RuntimeException {
    public AmiException(String message) {
        super(message);
    }
}
