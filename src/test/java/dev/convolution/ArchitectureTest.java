package dev.convolution;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
            .and().doNotHaveSimpleName("VectorChannelLoop")
            .should().dependOnClassesThat().resideInAPackage("jdk.incubator.vector..");

    @ArchTest
    static final ArchRule coreImportsNoSpringJacksonOrServlet = noClasses().that().resideInAPackage("..core..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "tools.jackson..", "com.fasterxml..",
                    "jakarta.servlet..", "jakarta.validation..");

    /** The web and service layers see the core's model (its root package) and its exceptions, never a method's insides. */
    @ArchTest
    static final ArchRule apiAndServiceUseTheCoresRootAndItsExceptionsOnly = noClasses().that()
            .resideInAnyPackage("dev.convolution.api..", "dev.convolution.service..", "dev.convolution.config..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.convolution.core.direct..", "dev.convolution.core.fft..",
                    "dev.convolution.core.parallel..", "dev.convolution.core.operand..", "dev.convolution.core.auto..");

    /**
     * Layers are built from the core's operations (plans run by the convolver), never from a method's insides: their
     * values and traces come from the same index algebra as every other endpoint's. (They share the core's pool.)
     */
    @ArchTest
    static final ArchRule layersUseTheCoresOperationsOnly = noClasses().that().resideInAPackage("dev.convolution.core.layer..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.convolution.core.direct..", "dev.convolution.core.fft..");

    /** The two methods do not know each other: core.auto chooses between them, the root package runs the choice. */
    @ArchTest
    static final ArchRule theDirectAndFftMethodsAreIndependent = noClasses().that().resideInAPackage("dev.convolution.core.direct..")
            .should().dependOnClassesThat().resideInAPackage("dev.convolution.core.fft..");

    @ArchTest
    static final ArchRule theFftMethodDoesNotUseTheDirectOne = noClasses().that().resideInAPackage("dev.convolution.core.fft..")
            .should().dependOnClassesThat().resideInAPackage("dev.convolution.core.direct..");

    @ArchTest
    static final ArchRule serviceKnowsNothingOfHttp = noClasses().that().resideInAPackage("..service..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.convolution.api..", "jakarta.servlet..", "tools.jackson..");

    @ArchTest
    static final ArchRule coreDoesNotReachOutward = noClasses().that().resideInAPackage("..core..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.convolution.api..", "dev.convolution.service..",
                    "dev.convolution.config..");
}
