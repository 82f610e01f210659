package org.wifionboarding.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.RoutesBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.boot.Hub;

/**
 * The import rules of docs/architecture.md, over every module's production classes: the modules depend one way
 * (routes → connectors → transforms, routes → artemis-config), the stages never reach the composition root, and
 * no two packages import each other, however indirectly.
 */
class ArchitectureTest {

    static JavaClasses hub;

    @BeforeAll
    static void importClasses() {
        hub = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.wifionboarding.hub");
    }

    @Test
    void transforms_depend_on_no_other_module() {
        noClasses().that().resideInAnyPackage("..hub.mapping..", "..hub.model..", "..hub.window..")
                .should().dependOnClassesThat().resideInAnyPackage("..hub.connect..", "..hub.broker..", "..hub.admin..", "..hub.boot..",
                        "..hub.config..", "..hub.deliver..", "..hub.ingest..", "..hub.lifecycle..", "..hub.normalise..", "..hub.observe..",
                        "..hub.provision..", "..hub.reconcile..", "..hub.review..", "..hub.store..")
                .check(hub);
    }

    @Test
    void connectors_depend_only_on_transforms() {
        noClasses().that().resideInAPackage("..hub.connect..")
                .should().dependOnClassesThat().resideInAnyPackage("..hub.broker..", "..hub.admin..", "..hub.boot..", "..hub.config..",
                        "..hub.deliver..", "..hub.ingest..", "..hub.lifecycle..", "..hub.normalise..", "..hub.observe..", "..hub.provision..",
                        "..hub.reconcile..", "..hub.review..", "..hub.store..")
                .check(hub);
    }

    @Test
    void only_the_composition_root_wires_the_hub() {
        noClasses().that().resideOutsideOfPackages("..hub.boot..", "..hub.app..")
                .should().dependOnClassesThat().resideInAPackage("..hub.boot..")
                .check(hub);
    }

    @Test
    void a_host_that_adds_the_hub_gets_every_route_builder_the_standalone_scan_finds() {
        Set<String> builders = hub.stream().filter(type -> type.isAssignableTo(RoutesBuilder.class) && !type.getModifiers().contains(JavaModifier.ABSTRACT))
                .map(JavaClass::getName).collect(Collectors.toSet());
        assertThat(Hub.routes().stream().map(builder -> builder.getClass().getName()).collect(Collectors.toSet()))
                .isNotEmpty().isEqualTo(builders);
    }

    @Test
    void no_package_cycles() {
        slices().matching("org.wifionboarding.hub.(*)..").should().beFreeOfCycles().check(hub);
    }
}
