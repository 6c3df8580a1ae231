package dev.convolution;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ConvolutionApplication {
    public static void main(String[] args) {
        SpringApplication.run(ConvolutionApplication.class, args);
    }
}
