package dev.convolution.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The warm-up before readiness ({@code convolution.warm-up.*}, environment {@code CONVOLUTION_WARM_UP_*}): requests
 * the service sends itself on the loopback once it listens, before it reports ready, so that the first callers find
 * its hot paths compiled.
 *
 * @param enabled false skips it (readiness then comes as soon as the service listens)
 * @param rounds rounds of the warm-up's requests (eight kinds of work a round); 0 skips it
 * @param maxTime the longest the warm-up may take, whatever the rounds left
 */
@Validated
@ConfigurationProperties("convolution.warm-up")
public record WarmUpProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("8") @Min(0) @Max(1000) int rounds,
        @DefaultValue("10s") @NotNull Duration maxTime) {

    public WarmUpProperties {
        if (maxTime != null && (maxTime.isNegative() || maxTime.toMinutes() > 10)) {
            throw new IllegalArgumentException("convolution.warm-up.max-time must be between 0 and 10m; got " + maxTime);
        }
    }
}
