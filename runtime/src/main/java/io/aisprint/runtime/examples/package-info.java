/** Runnable example workflows, used by {@code aisprint runtime demo}. */
package io.aisprint.runtime.examples;
