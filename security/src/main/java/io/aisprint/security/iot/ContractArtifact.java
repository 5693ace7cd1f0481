package io.aisprint.security.iot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/** A contract compiled at build time (security/contracts, solcjs): its creation bytecode. */
public record ContractArtifact(String name, String bytecode) {
    private static final String FOLDER = "/io/aisprint/security/iot/contracts/";

    public static boolean available() {
        return ContractArtifact.class.getResource(FOLDER + "AccessControl.json") != null;
    }

    public static ContractArtifact load(String name) {
        try (InputStream in = ContractArtifact.class.getResourceAsStream(FOLDER + name + ".json")) {
            if (in == null) {
                throw new IotException(IotException.Code.CONTRACTS_MISSING, "this build has no compiled " + name
                    + " contract\nMaybe run 'npm ci' in security/contracts (needs node) and rebuild; the build compiles the contracts with solcjs");
            }
            JsonNode json = new ObjectMapper().readTree(in);
            return new ContractArtifact(name, json.get("bytecode").asText());
        } catch (IOException e) {
            throw new IotException(IotException.Code.CONTRACTS_MISSING, "cannot read the compiled " + name + " contract: " + e.getMessage());
        }
    }
}
