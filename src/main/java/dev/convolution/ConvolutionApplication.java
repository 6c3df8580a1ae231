package dev.convolution;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ConvolutionApplication {
    /**
     * Carrier threads of the virtual-thread scheduler (Java 21+, where requests run on virtual threads) per core, unless
     * {@code -Djdk.virtualThreadScheduler.parallelism} says otherwise: with one per core, two requests parsing large
     * bodies hold every carrier and the rest wait, refusals included (docs/decisions.md has the measurements).
     */
    static final int CARRIERS_PER_CORE = 2;

    public static void main(String[] args) {
        if (System.getProperty("jdk.virtualThreadScheduler.parallelism") == null) {
            System.setProperty("jdk.virtualThreadScheduler.parallelism",
                    String.valueOf(CARRIERS_PER_CORE * Runtime.getRuntime().availableProcessors()));
        }
        SpringApplication.run(ConvolutionApplication.class, args);
    }
}
