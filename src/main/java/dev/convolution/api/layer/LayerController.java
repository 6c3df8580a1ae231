package dev.convolution.api.layer;

import dev.convolution.codec.Npy;
import dev.convolution.service.LayerService;
import dev.convolution.web.media.BinaryResult;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/layers", consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.MULTIPART_FORM_DATA_VALUE})
class LayerController implements LayerApi {
    private final LayerService service;
    private final LayerMapper mapper;
    private final LayerAnswers answers;
    private final LayerResults binary;

    LayerController(LayerService service, LayerMapper mapper, LayerAnswers answers, LayerResults binary) {
        this.service = service;
        this.mapper = mapper;
        this.answers = answers;
        this.binary = binary;
    }

    @Override
    @PostMapping(path = "/conv1d", produces = MediaType.APPLICATION_JSON_VALUE)
    public LayerResponses.Output conv1d(@RequestBody LayerRequest.Forward r) {
        return answers.forward(service.compute(mapper.command(1, r)));
    }

    @Override
    @PostMapping(path = "/conv2d", produces = MediaType.APPLICATION_JSON_VALUE)
    public LayerResponses.Output conv2d(@RequestBody LayerRequest.Forward r) {
        return answers.forward(service.compute(mapper.command(2, r)));
    }

    @Override
    @PostMapping(path = "/conv3d", produces = MediaType.APPLICATION_JSON_VALUE)
    public LayerResponses.Output conv3d(@RequestBody LayerRequest.Forward r) {
        return answers.forward(service.compute(mapper.command(3, r)));
    }

    @Override
    @PostMapping(path = "/conv1d/backward", produces = MediaType.APPLICATION_JSON_VALUE)
    public LayerResponses.Gradients conv1dBackward(@RequestBody LayerRequest.Backward r) {
        return answers.gradients(service.compute(mapper.command(1, r)));
    }

    @Override
    @PostMapping(path = "/conv2d/backward", produces = MediaType.APPLICATION_JSON_VALUE)
    public LayerResponses.Gradients conv2dBackward(@RequestBody LayerRequest.Backward r) {
        return answers.gradients(service.compute(mapper.command(2, r)));
    }

    @Override
    @PostMapping(path = "/conv3d/backward", produces = MediaType.APPLICATION_JSON_VALUE)
    public LayerResponses.Gradients conv3dBackward(@RequestBody LayerRequest.Backward r) {
        return answers.gradients(service.compute(mapper.command(3, r)));
    }

    @Override
    @PostMapping(path = "/conv-transpose1d", produces = MediaType.APPLICATION_JSON_VALUE)
    public LayerResponses.Output convTranspose1d(@RequestBody LayerRequest.Transpose r) {
        return answers.transpose(service.compute(mapper.command(1, r)));
    }

    @Override
    @PostMapping(path = "/conv-transpose2d", produces = MediaType.APPLICATION_JSON_VALUE)
    public LayerResponses.Output convTranspose2d(@RequestBody LayerRequest.Transpose r) {
        return answers.transpose(service.compute(mapper.command(2, r)));
    }

    @Override
    @PostMapping(path = "/conv-transpose3d", produces = MediaType.APPLICATION_JSON_VALUE)
    public LayerResponses.Output convTranspose3d(@RequestBody LayerRequest.Transpose r) {
        return answers.transpose(service.compute(mapper.command(3, r)));
    }

    @Override
    @PostMapping(path = "/explain", produces = MediaType.APPLICATION_JSON_VALUE)
    public LayerResponses.Explanation explain(@RequestBody LayerExplainRequest r) {
        var command = mapper.command(r);
        return answers.explanation(r.layer(), command, service.explain(command));
    }

    // the output (or the one gradient asked for) as .npy, documented with the JSON operations

    @Hidden
    @PostMapping(path = "/conv1d", produces = Npy.MEDIA_TYPE)
    public BinaryResult.Npy conv1dNpy(@RequestBody LayerRequest.Forward r) {
        return binary.npy("conv1d", r, () -> service.compute(mapper.command(1, r)));
    }

    @Hidden
    @PostMapping(path = "/conv1d/backward", produces = Npy.MEDIA_TYPE)
    public BinaryResult.Npy conv1dBackwardNpy(@RequestBody LayerRequest.Backward r) {
        return binary.npy("conv1d", r, () -> service.compute(mapper.command(1, r)));
    }

    @Hidden
    @PostMapping(path = "/conv-transpose1d", produces = Npy.MEDIA_TYPE)
    public BinaryResult.Npy convTranspose1dNpy(@RequestBody LayerRequest.Transpose r) {
        return binary.npy("conv-transpose1d", r, () -> service.compute(mapper.command(1, r)));
    }

    @Hidden
    @PostMapping(path = "/conv2d", produces = Npy.MEDIA_TYPE)
    public BinaryResult.Npy conv2dNpy(@RequestBody LayerRequest.Forward r) {
        return binary.npy("conv2d", r, () -> service.compute(mapper.command(2, r)));
    }

    @Hidden
    @PostMapping(path = "/conv2d/backward", produces = Npy.MEDIA_TYPE)
    public BinaryResult.Npy conv2dBackwardNpy(@RequestBody LayerRequest.Backward r) {
        return binary.npy("conv2d", r, () -> service.compute(mapper.command(2, r)));
    }

    @Hidden
    @PostMapping(path = "/conv-transpose2d", produces = Npy.MEDIA_TYPE)
    public BinaryResult.Npy convTranspose2dNpy(@RequestBody LayerRequest.Transpose r) {
        return binary.npy("conv-transpose2d", r, () -> service.compute(mapper.command(2, r)));
    }

    @Hidden
    @PostMapping(path = "/conv3d", produces = Npy.MEDIA_TYPE)
    public BinaryResult.Npy conv3dNpy(@RequestBody LayerRequest.Forward r) {
        return binary.npy("conv3d", r, () -> service.compute(mapper.command(3, r)));
    }

    @Hidden
    @PostMapping(path = "/conv3d/backward", produces = Npy.MEDIA_TYPE)
    public BinaryResult.Npy conv3dBackwardNpy(@RequestBody LayerRequest.Backward r) {
        return binary.npy("conv3d", r, () -> service.compute(mapper.command(3, r)));
    }

    @Hidden
    @PostMapping(path = "/conv-transpose3d", produces = Npy.MEDIA_TYPE)
    public BinaryResult.Npy convTranspose3dNpy(@RequestBody LayerRequest.Transpose r) {
        return binary.npy("conv-transpose3d", r, () -> service.compute(mapper.command(3, r)));
    }
}
