package dev.convolution;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The shape of the house as facts: the core is pure Java, its packages are fenced, the layers point one way. */
@AnalyzeClasses(packages = "dev.convolution", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreUsesOnlyJavaAndTheFftLibraryWithItsThreadPool = classes().that().resideInAPackage("..core..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.convolution.core..", "org.jtransforms..",
                    "org.visnow.jlargearrays..", "jdk.incubator.vector..");

    /** The FFT library is the FFT method's business: nothing else in the core sees it. */
    @ArchTest
    static final ArchRule onlyTheFftMethodUsesTheFftLibrary = noClasses().that().resideOutsideOfPackage("dev.convolution.core.fft..")
            .should().dependOnClassesThat().resideInAnyPackage("org.jtransforms..", "org.visnow.jlargearrays..");

    /** The Vector API is optional at run time: only the SIMD loops may touch it, and they are loaded by name. */
    @ArchTest
    static final ArchRule onlyTheSimdLoopsUseTheVectorApi = noClasses().that().doNotHaveSimpleName("VectorTileLoop")
            .and().doNotHaveSimpleName("VectorFloatTileLoop")
            .and().doNotHaveSimpleName("VectorChannelLoop")
            .and().doNotHaveSimpleName("VectorFloatChannelLoop")
            .should().dependOnClassesThat().resideInAPackage("jdk.incubator.vector..");

    @ArchTest
    static final ArchRule coreImportsNoSpringJacksonOrServlet = noClasses().that().resideInAPackage("..core..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "tools.jackson..", "com.fasterxml..",
                    "jakarta.servlet..", "jakarta.validation..");

    /** The web and service layers see the core's model (its root package) and its exceptions, never a method's insides. */
    @ArchTest
    static final ArchRule apiAndServiceUseTheCoresRootAndItsExceptionsOnly = noClasses().that()
            .resideInAnyPackage("dev.convolution.api..", "dev.convolution.web..", "dev.convolution.codec..", "dev.convolution.service..",
                    "dev.convolution.config..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.convolution.core.direct..", "dev.convolution.core.fft..",
                    "dev.convolution.core.channel..", "dev.convolution.core.parallel..", "dev.convolution.core.operand..",
                    "dev.convolution.core.auto..");

    /**
     * Layers are built from the core's operations (plans run by the convolver), never from a method's insides: their
     * values and traces come from the same index algebra as every other endpoint's. (They share the core's pool.)
     */
    @ArchTest
    static final ArchRule layersUseTheCoresOperationsOnly = noClasses().that().resideInAPackage("dev.convolution.core.layer..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.convolution.core.direct..", "dev.convolution.core.fft..",
                    "dev.convolution.core.channel..");

    /** The two methods do not know each other: core.auto chooses between them, the root package runs the choice. */
    @ArchTest
    static final ArchRule theDirectAndFftMethodsAreIndependent = noClasses().that().resideInAPackage("dev.convolution.core.direct..")
            .should().dependOnClassesThat().resideInAPackage("dev.convolution.core.fft..");

    /** The channel sums are direct sums of their own: they share the direct method's loader of SIMD loops, never the FFT. */
    @ArchTest
    static final ArchRule theChannelSumsDoNotUseTheFft = noClasses().that().resideInAPackage("dev.convolution.core.channel..")
            .should().dependOnClassesThat().resideInAPackage("dev.convolution.core.fft..");

    @ArchTest
    static final ArchRule theFftMethodDoesNotUseTheDirectOne = noClasses().that().resideInAPackage("dev.convolution.core.fft..")
            .should().dependOnClassesThat().resideInAPackage("dev.convolution.core.direct..");

    @ArchTest
    static final ArchRule serviceKnowsNothingOfHttp = noClasses().that().resideInAPackage("..service..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.convolution.api..", "dev.convolution.web..", "dev.convolution.codec..",
                    "jakarta.servlet..", "tools.jackson..");

    /** A feature (one resource family) is a room of its own: it may use the wire format, never another feature. */
    @ArchTest
    static final ArchRule featuresDoNotImportEachOther = slices().matching("dev.convolution.api.(*)..").should().notDependOnEachOther()
            .ignoreDependency(alwaysTrue(), resideInAPackage("dev.convolution.api.wire.."));

    /** The HTTP infrastructure serves every feature and knows none. */
    @ArchTest
    static final ArchRule infrastructureImportsNoFeature = noClasses().that().resideInAPackage("dev.convolution.web..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.convolution.api.convolution..", "dev.convolution.api.explain..",
                    "dev.convolution.api.layer..", "dev.convolution.api.kernel..");

    /** The file formats are pure Java, fenced like the core: no Spring, no Jackson, no servlet, nothing of HTTP. */
    @ArchTest
    static final ArchRule codecIsPureJava = noClasses().that().resideInAPackage("dev.convolution.codec..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "tools.jackson..", "com.fasterxml..",
                    "jakarta.servlet..", "dev.convolution.api..", "dev.convolution.web..", "dev.convolution.service..",
                    "dev.convolution.config..");

    /** Configuration is typed properties and what wires more than one package: it reaches into no feature or concern. */
    @ArchTest
    static final ArchRule configReachesIntoNoPackage = noClasses().that().resideInAPackage("dev.convolution.config..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.convolution.api..", "dev.convolution.web..");

    @ArchTest
    static final ArchRule coreDoesNotReachOutward = noClasses().that().resideInAPackage("..core..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.convolution.api..", "dev.convolution.web..",
                    "dev.convolution.codec..", "dev.convolution.service..", "dev.convolution.config..");
}
