/** Deployment formats (TOSCA for the IM, OSCAR FDL, Kubernetes manifests, container recipes) and deployers. */
package io.aisprint.deploy;
