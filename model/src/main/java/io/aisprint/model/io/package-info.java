/** Readers and writers of the model's file formats (SPACE4AI-D JSON, AI-SPRINT application directories). */
package io.aisprint.model.io;
