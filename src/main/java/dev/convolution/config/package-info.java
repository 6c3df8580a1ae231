/** Configuration in one place: typed properties, Jackson and OpenAPI set-up, bean wiring. */
package dev.convolution.config;
