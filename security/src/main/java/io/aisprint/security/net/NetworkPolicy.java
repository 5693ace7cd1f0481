package io.aisprint.security.net;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Services, enrolled devices, grants and ACLs: what the controller enforces. Immutable; changes make a new policy. */
public record NetworkPolicy(List<Service> services, List<Device> devices, List<Grant> grants, List<AclRule> acls) {
    public NetworkPolicy {
        services = List.copyOf(services);
        devices = List.copyOf(devices);
        grants = List.copyOf(grants);
        acls = List.copyOf(acls);
    }

    public Optional<Service> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<Device> device(String sim) {
        return devices.stream().filter(d -> d.sim().equals(sim)).findFirst();
    }

    /** Every group name any device belongs to. */
    public Set<String> groups() {
        Set<String> names = new LinkedHashSet<>();
        devices.forEach(d -> names.addAll(d.groups()));
        return names;
    }

    /** Whether the policy lets the device reach the service: an allow for it or one of its groups, and no deny for either. */
    public boolean allows(Device device, Service service) {
        boolean allowed = false;
        for (Grant grant : grants) {
            boolean subject = grant.device().equals(device.sim()) || device.groups().contains(grant.device());
            if (subject && grant.service().equals(service.name())) {
                if (!grant.allow()) {
                    return false;
                }
                allowed = true;
            }
        }
        return allowed;
    }

    /** The same policy without the allow grants naming this subject (device or group) and service. */
    public NetworkPolicy revoke(String subject, String service) {
        List<Grant> kept = new ArrayList<>();
        for (Grant grant : grants) {
            if (!(grant.allow() && grant.device().equals(subject) && grant.service().equals(service))) {
                kept.add(grant);
            }
        }
        return new NetworkPolicy(services, devices, kept, acls);
    }

    /** The same policy with one more allow grant. */
    public NetworkPolicy grant(String subject, String service) {
        List<Grant> more = new ArrayList<>(grants);
        more.add(new Grant(subject, service, true));
        return new NetworkPolicy(services, devices, more, acls);
    }

    /** The same policy with the service's traffic sent via another transport node. */
    public NetworkPolicy reroute(String serviceName, String via) {
        List<Service> moved = new ArrayList<>();
        for (Service s : services) {
            moved.add(s.name().equals(serviceName) ? new Service(s.name(), s.address(), s.port(), s.protocol(), s.site(), via) : s);
        }
        return new NetworkPolicy(moved, devices, grants, acls);
    }
}
