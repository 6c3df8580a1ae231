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
     * length, reserved for as it is read; with no {@code reservation} (a streamed body, whose working set is reserved from
     * its header) nothing is reserved by length, and {@code timeout} bounds each gap between bytes, not the whole body.
     */
    record Rules(long max, Duration timeout, long declared, MemoryAdmission.Reservation reservation, MemoryAdmission memory) {
        /** The rules of a streamed body: its byte limit, and the longest gap between its bytes. */
        static Rules streamed(long max, Duration gap) {
            return new Rules(max, gap, -1, null, null);
        }
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
            throw rules.reservation() == null ? BodyTimeoutException.paused(rules.timeout()) : new BodyTimeoutException(rules.timeout());
        }
        if (n > 0) {
            count += n;
            if (count > rules.max()) {
                throw rules.reservation() == null ? new BodyTooLargeException(rules.max(), "convolution.limits.max-streamed-bytes, "
                        + "with the parts before the input and their framing") : new BodyTooLargeException(rules.max());
            }
            if (rules.reservation() == null) {
                started = now; // a streamed body: the clock counts the gap to its next bytes
                return n;
            }
            if (rules.declared() < 0 && !rules.reservation().grow(n)) {
                throw new MemoryRefusedException(rules.memory());
            }
        }
        return n;
    }
}
