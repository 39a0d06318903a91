package org.eclipse.kura.configuration;

/**
 * Test stand-in for Eclipse Kura's marker interface of the same name (Kura's artifacts are not on Maven Central).
 * OsgiBundleIT packages it into a bundle that exports this package, as Kura's API bundle does, to show that the
 * gateway registers itself with Kura where the API is present.
 */
public interface ConfigurableComponent {
}
