package org.switchboard.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The arrows of ARCHITECTURE.md, checked on the compiled classes of every module. */
class ArchitectureTest {

    private static final JavaClasses SWITCHBOARD = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.switchboard");

    /**
     * The core depends on the JDK, JSpecify's nullness annotations and itself only: no framework, no database, no
     * network library.
     */
    static final ArchRule CORE_IS_PLAIN_JAVA = classes()
            .that()
            .resideInAPackage("org.switchboard.core..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("org.switchboard.core..", "java..", "org.jspecify.annotations..")
            .as("the core depends only on the JDK and JSpecify's annotations");

    static final ArchRule ADAPTERS_DO_NOT_TOUCH_STORAGE = noClasses()
            .that()
            .resideInAnyPackage("org.switchboard.web..", "org.switchboard.runtime..", "org.switchboard.planning..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.switchboard.storage..")
            .as("web, runtime and planning reach storage only through the core's ports");

    /**
     * The channels (voice, messaging) reach the center through the channel port alone, so that they can run as
     * processes of their own against a remote center: not the runtime, storage or web, and not the engine.
     */
    static final ArchRule VOICE_ONLY_THROUGH_THE_CHANNEL_PORT = noClasses()
            .that()
            .resideInAnyPackage(
                    "org.switchboard.voice..", "org.switchboard.messaging..", "org.switchboard.selfservice..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.switchboard.runtime..",
                    "org.switchboard.storage..",
                    "org.switchboard.web..",
                    "org.switchboard.core.routing..")
            .as("voice, messaging and self-service reach the center only through its ports");

    static final ArchRule ONLY_THE_APP_WIRES = noClasses()
            .that()
            .resideOutsideOfPackage("org.switchboard.app..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.switchboard.app..")
            .as("nothing depends on the app module");

    static final ArchRule ENGINE_STATE_STAYS_IN_THE_ENGINE = noClasses()
            .that()
            .resideOutsideOfPackage("org.switchboard.core.routing..")
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.switchboard.core.routing.Contact")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.switchboard.core.routing.Agent")
            .as("only the engine touches its mutable state; others read views");

    @Test
    void coreIsPlainJava() {
        CORE_IS_PLAIN_JAVA.check(SWITCHBOARD);
    }

    @Test
    void adaptersDoNotTouchStorage() {
        ADAPTERS_DO_NOT_TOUCH_STORAGE.check(SWITCHBOARD);
    }

    @Test
    void voiceOnlyThroughTheChannelPort() {
        VOICE_ONLY_THROUGH_THE_CHANNEL_PORT.check(SWITCHBOARD);
    }

    @Test
    void onlyTheAppWires() {
        ONLY_THE_APP_WIRES.check(SWITCHBOARD);
    }

    @Test
    void engineStateStaysInTheEngine() {
        ENGINE_STATE_STAYS_IN_THE_ENGINE.check(SWITCHBOARD);
    }

    /** Proof that the rules bite: a class that breaks them is caught. */
    @Test
    void theRulesCatchAViolation() {
        JavaClasses offender =
                new ClassFileImporter().importClasses(org.switchboard.core.fixture.CoreClassUsingAFramework.class);
        assertThatThrownBy(() -> CORE_IS_PLAIN_JAVA.check(offender))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("picocli");
        JavaClasses shortcut =
                new ClassFileImporter().importClasses(org.switchboard.voice.fixture.VoiceClassUsingTheRuntime.class);
        assertThatThrownBy(() -> VOICE_ONLY_THROUGH_THE_CHANNEL_PORT.check(shortcut))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ContactCenter");
    }

    /** Each package says what lives there (STYLE.md): a package-info.java beside its classes, in every module. */
    @Test
    void everyPackageSaysWhatLivesThere() throws java.io.IOException {
        java.nio.file.Path root = java.nio.file.Path.of("..").toAbsolutePath().normalize();
        java.util.List<java.nio.file.Path> sources;
        try (var modules = java.nio.file.Files.list(root)) {
            sources = modules.map(m -> m.resolve("src/main/java"))
                    .filter(java.nio.file.Files::isDirectory)
                    .toList();
        }
        org.assertj.core.api.Assertions.assertThat(sources)
                .as("modules found from " + root)
                .hasSizeGreaterThan(5);
        java.util.List<String> silent = new java.util.ArrayList<>();
        for (java.nio.file.Path source : sources) {
            try (var dirs = java.nio.file.Files.walk(source)) {
                dirs.filter(java.nio.file.Files::isDirectory)
                        .filter(ArchitectureTest::holdsClasses)
                        .filter(d -> !java.nio.file.Files.exists(d.resolve("package-info.java")))
                        .forEach(d -> silent.add(root.relativize(d).toString()));
            }
        }
        org.assertj.core.api.Assertions.assertThat(silent)
                .as("packages without package-info.java")
                .isEmpty();
    }

    private static boolean holdsClasses(java.nio.file.Path dir) {
        try (var files = java.nio.file.Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
