package dev.convolution.api;

import dev.convolution.service.ConvolutionService;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/arrays", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
class ArrayController implements ArrayApi {
    private final ConvolutionService service;
    private final RequestMapper mapper;

    ArrayController(ConvolutionService service, RequestMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    @Override
    @PostMapping("/convolve")
    public ConvolutionResponse convolve(@RequestBody ArrayConvolutionRequest r) {
        return mapper.response(service.compute(mapper.command(r)));
    }

    @Override
    @PostMapping("/correlate")
    public ConvolutionResponse correlate(@RequestBody ArrayCorrelationRequest r) {
        return mapper.response(service.compute(mapper.command(r)));
    }
}
