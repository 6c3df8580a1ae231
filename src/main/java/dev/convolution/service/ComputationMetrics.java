package dev.convolution.service;

import dev.convolution.core.Method;
import dev.convolution.core.Mode;
import dev.convolution.core.Operation;
import dev.convolution.core.Plan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The service's own meters: computation time per dims, operation, method and mode
 * ({@code convolution.compute}), the distribution of input sizes ({@code convolution.input.elements}),
 * refusals by reason ({@code convolution.rejected}) and the lanes' permits in use ({@code convolution.permits.in.use}).
 */
@Component
public class ComputationMetrics {
    private final MeterRegistry registry;
    /**
     * The meters of the computations, made once a combination of tags: a builder's {@code register} looks the meter
     * up by its whole id (name and sorted tags) on every call, work a seed-sized request should not repeat.
     */
    private final ConcurrentHashMap<InputKey, DistributionSummary> inputs = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ComputeKey, Timer> computes = new ConcurrentHashMap<>();

    private record InputKey(int rank, Operation operation) {
    }

    private record ComputeKey(int rank, Operation operation, Method method, Mode mode) {
    }

    public ComputationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * A gauge of the permits of one lane in use ({@code convolution.permits.in.use}, tagged {@code lane}: {@code light},
     * {@code heavy}, {@code large-body}), read when the meters are scraped: what is in flight costs a request nothing.
     */
    void permitsInUse(String lane, Semaphore permits, int max) {
        Gauge.builder("convolution.permits.in.use", permits, s -> max - s.availablePermits())
                .description("Permits of a lane held now: computations running (light, heavy) or large bodies in the service")
                .tag("lane", lane)
                .register(registry);
    }

    void input(Plan plan, long elements) {
        inputs.computeIfAbsent(new InputKey(plan.rank(), plan.spec().operation()), k -> DistributionSummary
                .builder("convolution.input.elements")
                .description("Elements of the signal or image of each computation request")
                .baseUnit("elements")
                .tag("dims", k.rank() + "d")
                .tag("operation", k.operation().wireName())
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue(16_777_216.0)
                .register(registry))
                .record(elements);
    }

    void computed(Plan plan, Method method, long nanos) {
        computes.computeIfAbsent(new ComputeKey(plan.rank(), plan.spec().operation(), method, plan.spec().mode()), k -> Timer
                .builder("convolution.compute")
                .description("Time spent computing results (parsing and writing excluded)")
                .tag("dims", k.rank() + "d")
                .tag("operation", k.operation().wireName())
                .tag("method", k.method().name().toLowerCase(java.util.Locale.ROOT))
                .tag("mode", k.mode().name().toLowerCase(java.util.Locale.ROOT))
                .publishPercentileHistogram()
                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * A CNN layer request computed: its time ({@code convolution.layer.compute}) and its multiply-adds
     * ({@code convolution.layer.work}, in multiply-adds), tagged by the spatial rank and the pass (forward, backward, transpose).
     */
    void layerComputed(int spatialRank, String pass, long multiplyAdds, long nanos) {
        Timer.builder("convolution.layer.compute")
                .description("Time spent computing CNN layer requests (parsing and writing excluded)")
                .tag("dims", spatialRank + "d")
                .tag("pass", pass)
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        DistributionSummary.builder("convolution.layer.work")
                .description("Multiply-adds of each CNN layer request")
                .baseUnit("multiply_adds")
                .tag("dims", spatialRank + "d")
                .tag("pass", pass)
                .register(registry)
                .record(multiplyAdds);
    }

    void rejected(String reason) {
        Counter.builder("convolution.rejected").description("Computations refused before or while running")
                .tag("reason", reason).register(registry).increment();
    }

}
