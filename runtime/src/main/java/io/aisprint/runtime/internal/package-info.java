/** Implementation of the runtime; free to change, not for use outside this module. */
package io.aisprint.runtime.internal;
