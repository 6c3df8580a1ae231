package dev.convolution;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ConvolutionApplication {
    /**
     * Carrier threads of the virtual-thread scheduler (Java 21+, where requests run on virtual threads)
     * per core, unless {@code -Djdk.virtualThreadScheduler.parallelism} says otherwise. The JDK's default
     * is one per core: two requests parsing large JSON bodies (CPU-bound, they never park) then hold both
     * carriers of a 2-core machine, and every other request, even one refused at once, waits for them
     * (measured: 503s for memory taking 150 ms to 1.4 s). With more carriers the operating system shares
     * the cores among them, as it did among Tomcat's platform threads, while a request waiting for its
     * body still parks without holding one.
     */
    static final int CARRIERS_PER_CORE = 16;

    public static void main(String[] args) {
        if (System.getProperty("jdk.virtualThreadScheduler.parallelism") == null) {
            System.setProperty("jdk.virtualThreadScheduler.parallelism",
                    String.valueOf(CARRIERS_PER_CORE * Runtime.getRuntime().availableProcessors()));
        }
        SpringApplication.run(ConvolutionApplication.class, args);
    }
}
