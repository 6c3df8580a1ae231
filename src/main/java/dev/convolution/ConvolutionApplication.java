package dev.convolution;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ConvolutionApplication {
    /**
     * Carrier threads of the virtual-thread scheduler (Java 21+, where requests run on virtual threads)
     * per core, unless {@code -Djdk.virtualThreadScheduler.parallelism} says otherwise. Measured on 2
     * cores, Java 25: with the JDK's one per core, two requests parsing large JSON bodies (CPU-bound, they
     * never park) hold both carriers and every other request waits for them, refusals included (memory
     * refusals p99 185–417 ms under 64 concurrent 63 MB uploads); with 16 per core the operating system
     * shares the cores among them (48–90 ms) but small requests fall from 36,000–41,000 to 6,300 a second
     * (Tomcat's platform threads, before: 8,500). Two per core: 62–121 ms and about 20,000 a second; and
     * once large bodies are admitted before they are read (at most max-computations of them in the
     * service), 35–41 ms and 33,000 a second.
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
