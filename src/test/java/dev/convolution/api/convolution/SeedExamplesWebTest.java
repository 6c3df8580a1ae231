package dev.convolution.api.convolution;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.convolution.MockMvcBodies;
import dev.convolution.WebTests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The seeds' worked examples through HTTP, with the contract's defaults and response fields. */
@SpringBootTest(properties = MockMvcBodies.BLOCKING)
@AutoConfigureMockMvc
class SeedExamplesWebTest {
    private static final String SEVEN = "[[1,2,3,4,5,6,7],[8,9,10,11,12,13,14],[15,16,17,18,19,20,21],[22,23,24,25,26,27,28],"
            + "[29,30,31,32,33,34,35],[36,37,38,39,40,41,42],[43,44,45,46,47,48,49]]";
    @Autowired
    MockMvc mvc;

    private ResultActions postOk(String path, String body) throws Exception {
        return WebTests.postJson(mvc, path, body).andExpect(status().isOk());
    }

    @Test
    void numpyConvolutionExampleMatchesTheContractResponse() throws Exception {
        postOk("/api/v1/signals/convolve", "{\"signal\": [2, 1, 3, 5, 4], \"kernel\": [1, -1], \"mode\": \"valid\", "
                + "\"trace\": {\"outputs\": [[0], [3]]}}")
                .andExpect(jsonPath("$.operation").value("convolution"))
                .andExpect(jsonPath("$.mode").value("valid"))
                .andExpect(jsonPath("$.boundary").value("fill"))
                .andExpect(jsonPath("$.method").value("direct"))
                .andExpect(jsonPath("$.indexOrigin").value("corner"))
                .andExpect(jsonPath("$.shape[0]").value(4))
                .andExpect(jsonPath("$.output").value(org.hamcrest.Matchers.contains(-1, 2, 2, -1)))
                .andExpect(jsonPath("$.outputStart[0]").value(0))
                .andExpect(jsonPath("$.stride[0]").value(1))
                .andExpect(jsonPath("$.kernelAsApplied").value(org.hamcrest.Matchers.contains(-1, 1)))
                .andExpect(jsonPath("$.formula").value("y[m] = Σ_k h[k]·x[m+1−k]"))
                .andExpect(jsonPath("$.trace[0].output[0]").value(0))
                .andExpect(jsonPath("$.trace[0].value").value(-1))
                .andExpect(jsonPath("$.trace[0].terms[0].input[0]").value(0))
                .andExpect(jsonPath("$.trace[0].terms[0].kernel[0]").value(1))
                .andExpect(jsonPath("$.trace[0].terms[0].inputValue").value(2))
                .andExpect(jsonPath("$.trace[0].terms[0].kernelValue").value(-1))
                .andExpect(jsonPath("$.trace[0].terms[0].product").value(-2))
                .andExpect(jsonPath("$.trace[0].terms[0].padded").value(false))
                .andExpect(jsonPath("$.trace[0].terms[1].input[0]").value(1))
                .andExpect(jsonPath("$.trace[0].terms[1].kernel[0]").value(0))
                .andExpect(jsonPath("$.trace[1].output[0]").value(3));
    }

    @Test
    void numpyCorrelationExampleKeepsTheKernel() throws Exception {
        postOk("/api/v1/signals/correlate", "{\"signal\": [2, 1, 3, 5, 4], \"kernel\": [1, -1], \"mode\": \"valid\"}")
                .andExpect(jsonPath("$.operation").value("cross-correlation"))
                .andExpect(jsonPath("$.correlationConvention").value("sliding"))
                .andExpect(jsonPath("$.output").value(org.hamcrest.Matchers.contains(1, -2, -2, 1)))
                .andExpect(jsonPath("$.kernelAsApplied").value(org.hamcrest.Matchers.contains(1, -1)))
                .andExpect(jsonPath("$.trace").doesNotExist());
    }

    @Test
    void symmetricKernelAgreesForBothOperations() throws Exception {
        for (String op : new String[] {"convolve", "correlate"}) {
            postOk("/api/v1/signals/" + op, "{\"signal\": [2, 1, 3, 5, 4], \"kernel\": [-1, 2, -1], \"mode\": \"valid\"}")
                    .andExpect(jsonPath("$.output").value(org.hamcrest.Matchers.contains(-3, 0, 3)));
        }
    }

    @Test
    void defaultModeIsFullAsInNumpy() throws Exception {
        postOk("/api/v1/signals/convolve", "{\"signal\": [2, 1, 3, 5, 4], \"kernel\": [1, -1]}")
                .andExpect(jsonPath("$.mode").value("full"))
                .andExpect(jsonPath("$.output").value(org.hamcrest.Matchers.contains(2, -1, 2, 2, -1, -4)));
    }

    @Test
    void nullOptionalFieldsMeanTheirDefaults() throws Exception {
        postOk("/api/v1/signals/convolve", "{\"signal\": [2, 1, 3, 5, 4], \"kernel\": [1, -1], \"mode\": null, \"stride\": null, "
                + "\"boundary\": null, \"fillValue\": null, \"method\": null, \"indexOrigin\": null, \"trace\": null}")
                .andExpect(jsonPath("$.mode").value("full"))
                .andExpect(jsonPath("$.shape[0]").value(6));
    }

    @Test
    void postConvolutionTraceOfOutputOneOneMeetsThePatchFlipped() throws Exception {
        postOk("/api/v1/images/convolve", "{\"image\": " + SEVEN + ", \"kernel\": [[1,2,3],[4,5,6],[7,8,9]], \"mode\": \"same\", "
                + "\"indexOrigin\": \"center\", \"trace\": {\"outputs\": [[1, 1]]}}")
                .andExpect(jsonPath("$.outputStart").value(org.hamcrest.Matchers.contains(-3, -3)))
                .andExpect(jsonPath("$.trace[0].output").value(org.hamcrest.Matchers.contains(1, 1)))
                .andExpect(jsonPath("$.trace[0].terms[0].input").value(org.hamcrest.Matchers.contains(0, 0)))
                .andExpect(jsonPath("$.trace[0].terms[0].kernel").value(org.hamcrest.Matchers.contains(1, 1)))
                .andExpect(jsonPath("$.trace[0].terms[8].input").value(org.hamcrest.Matchers.contains(2, 2)))
                .andExpect(jsonPath("$.trace[0].terms[8].kernel").value(org.hamcrest.Matchers.contains(-1, -1)))
                .andExpect(jsonPath("$.kernelAsApplied[0]").value(org.hamcrest.Matchers.contains(9, 8, 7)));
    }

    @Test
    void explainReproducesThePostFromShapesAlone() throws Exception {
        String symbols = "[[\"a\",\"b\",\"c\"],[\"d\",\"e\",\"f\"],[\"g\",\"h\",\"i\"]]";
        postOk("/api/v1/explain", "{\"operation\": \"convolution\", \"inputShape\": [7, 7], \"kernelShape\": [3, 3], "
                + "\"mode\": \"same\", \"indexOrigin\": \"center\", \"outputs\": [[1, 1]], \"kernelSymbols\": " + symbols + "}")
                .andExpect(jsonPath("$.outputs[0].formula").value(
                        "y[1,1] = x[0,0]·i + x[0,1]·h + x[0,2]·g + x[1,0]·f + x[1,1]·e + x[1,2]·d + x[2,0]·c + x[2,1]·b + x[2,2]·a"))
                .andExpect(jsonPath("$.outputs[0].terms[0].symbol").value("i"))
                .andExpect(jsonPath("$.outputShape").value(org.hamcrest.Matchers.contains(7, 7)));
        postOk("/api/v1/explain", "{\"operation\": \"cross-correlation\", \"correlationConvention\": \"mirrored\", "
                + "\"inputShape\": [7, 7], \"kernelShape\": [3, 3], \"mode\": \"same\", \"indexOrigin\": \"center\", "
                + "\"outputs\": [[-1, -1]], \"kernelSymbols\": " + symbols + "}")
                .andExpect(jsonPath("$.outputs[0].formula").value(
                        "y[-1,-1] = x[0,0]·a + x[0,1]·b + x[0,2]·c + x[1,0]·d + x[1,1]·e + x[1,2]·f + x[2,0]·g + x[2,1]·h + x[2,2]·i"));
    }

    @Test
    void paddedTermsNameTheirSource() throws Exception {
        postOk("/api/v1/signals/convolve", "{\"signal\": [1, 2, 3, 4], \"kernel\": [1, 1, 1], \"mode\": \"same\", "
                + "\"boundary\": \"wrap\", \"trace\": {\"outputs\": [[0]]}}")
                .andExpect(jsonPath("$.trace[0].terms[0].input[0]").value(-1))
                .andExpect(jsonPath("$.trace[0].terms[0].padded").value(true))
                .andExpect(jsonPath("$.trace[0].terms[0].source[0]").value(3))
                .andExpect(jsonPath("$.trace[0].terms[0].inputValue").value(4))
                .andExpect(jsonPath("$.trace[0].value").value(7));
        postOk("/api/v1/signals/convolve", "{\"signal\": [1, 2, 3, 4], \"kernel\": [1, 1, 1], \"mode\": \"same\", "
                + "\"fillValue\": 10, \"trace\": {\"outputs\": [[0]]}}")
                .andExpect(jsonPath("$.trace[0].terms[0].padded").value(true))
                .andExpect(jsonPath("$.trace[0].terms[0].source").doesNotExist())
                .andExpect(jsonPath("$.trace[0].terms[0].inputValue").value(10))
                .andExpect(jsonPath("$.trace[0].value").value(13));
    }

    @Test
    void imageStrideAndDilationTakeAPair() throws Exception {
        postOk("/api/v1/images/correlate", "{\"image\": " + SEVEN + ", \"kernel\": [[1, 0], [0, 1]], \"mode\": \"valid\", "
                + "\"stride\": [2, 3], \"dilation\": [1, 2]}")
                .andExpect(jsonPath("$.stride").value(org.hamcrest.Matchers.contains(2, 3)))
                .andExpect(jsonPath("$.dilation").value(org.hamcrest.Matchers.contains(1, 2)))
                .andExpect(jsonPath("$.shape").value(org.hamcrest.Matchers.contains(3, 2)))
                // y[r,c] = x[2r, 3c]·1 + x[2r+1, 3c+2]·1 (taps [0,0] and [1,1], the column tap 2 apart):
                // y[0,0] = x[0,0] + x[1,2] = 1 + 10, y[0,1] = x[0,3] + x[1,5] = 4 + 13
                .andExpect(jsonPath("$.output[0]").value(org.hamcrest.Matchers.contains(11, 17)));
    }
}
