package dev.convolution.core;

/**
 * One product of a traced output: the input label and the kernel label that meet.
 *
 * @param input the input label on each axis (outside the input where padded)
 * @param kernel the kernel label on each axis
 * @param padded true when the input position lies outside the input
 * @param source for a padded term of a non-fill boundary, the input label its value was taken from; else null
 * @param inputValue the value met (the fill value for a padded fill term); NaN when values are unknown (explain)
 * @param kernelValue the kernel value; NaN when values are unknown (explain)
 */
public record Term(long[] input, long[] kernel, boolean padded, long[] source, double inputValue, double kernelValue) {

    public double product() {
        return inputValue * kernelValue;
    }
}
