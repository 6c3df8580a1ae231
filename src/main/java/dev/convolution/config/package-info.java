/** Configuration that belongs to no one package: the typed properties, Jackson's strict parsing, the OpenAPI document's front page and examples. */
package dev.convolution.config;
