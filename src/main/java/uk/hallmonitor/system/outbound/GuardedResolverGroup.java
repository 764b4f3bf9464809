package uk.hallmonitor.system.outbound;

import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Name resolution with the outbound policy applied to the answer: a name whose addresses include one the policy
 * refuses fails to resolve, so no connection is opened to it. This is what stops DNS rebinding: the check is made on
 * the address actually used, at connect time, not on the one seen when the URL was saved.
 */
final class GuardedResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final OutboundPolicy policy;
    private final AddressResolverGroup<InetSocketAddress> delegate;

    GuardedResolverGroup(OutboundPolicy policy, AddressResolverGroup<InetSocketAddress> delegate) {
        this.policy = policy;
        this.delegate = delegate;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        AddressResolver<InetSocketAddress> inner = delegate.getResolver(executor);
        return new AbstractAddressResolver<>(executor, InetSocketAddress.class) {
            @Override
            protected boolean doIsResolved(InetSocketAddress address) {
                return !address.isUnresolved();
            }

            @Override
            protected void doResolve(InetSocketAddress unresolved, Promise<InetSocketAddress> promise) {
                inner.resolve(unresolved).addListener((Future<InetSocketAddress> done) -> {
                    if (!done.isSuccess()) {
                        promise.setFailure(done.cause());
                        return;
                    }
                    Optional<OutboundRefused> refused = check(unresolved, done.getNow());
                    if (refused.isPresent()) {
                        promise.setFailure(refused.get());
                    } else {
                        promise.setSuccess(done.getNow());
                    }
                });
            }

            @Override
            protected void doResolveAll(InetSocketAddress unresolved, Promise<List<InetSocketAddress>> promise) {
                inner.resolveAll(unresolved).addListener((Future<List<InetSocketAddress>> done) -> {
                    if (!done.isSuccess()) {
                        promise.setFailure(done.cause());
                        return;
                    }
                    // one refused address refuses the name: a rebinding server mixes a public and an internal answer
                    for (InetSocketAddress resolved : done.getNow()) {
                        Optional<OutboundRefused> refused = check(unresolved, resolved);
                        if (refused.isPresent()) {
                            promise.setFailure(refused.get());
                            return;
                        }
                    }
                    promise.setSuccess(done.getNow());
                });
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    private Optional<OutboundRefused> check(InetSocketAddress asked, InetSocketAddress resolved) {
        return policy.addressRefusal(asked.getHostString(), asked.getPort(), resolved.getAddress())
                .map(why -> new OutboundRefused("connection to " + asked.getHostString() + " refused: " + why));
    }
}
