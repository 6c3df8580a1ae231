package dev.convolution.web.body;

import dev.convolution.service.MemoryAdmission;
import java.io.IOException;
import java.time.Duration;

/**
 * What one request body is held to while it is read, whichever way it is read (a blocking stream or
 * non-blocking callbacks): the byte limit, the body timeout counted from the first bytes read, and the
 * growth of its memory reservation when its length was not declared. Not thread-safe: one reader at a
 * time, as the servlet container guarantees for both ways of reading.
 */
final class BodyMeter {
    /**
     * The rules: {@code declared} is the declared length, reserved for up front, or -1 for a body of unknown
     * length, reserved for as it is read.
     */
    record Rules(long max, Duration timeout, long declared, MemoryAdmission.Reservation reservation, MemoryAdmission memory) {
    }

    private final Rules rules;
    private long count;
    private long started;

    BodyMeter(Rules rules) {
        this.rules = rules;
    }

    Rules rules() {
        return rules;
    }

    /**
     * Counts {@code n} bytes just read ({@code n} ≤ 0 for a read that returned none); {@code finished} says
     * whether the body has been read to its end. Throws when the body breaks a rule.
     */
    int counted(int n, boolean finished) throws IOException {
        long now = System.nanoTime();
        if (started == 0) {
            started = now;
        } else if (now - started > rules.timeout().toNanos() && !finished) {
            throw new BodyTimeoutException(rules.timeout());
        }
        if (n > 0) {
            count += n;
            if (count > rules.max()) {
                throw new BodyTooLargeException(rules.max());
            }
            if (rules.declared() < 0 && !rules.reservation().grow(n)) {
                throw new MemoryRefusedException(rules.memory());
            }
        }
        return n;
    }
}
