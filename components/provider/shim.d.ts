import type * as pulumi from "@pulumi/pulumi";

/** The serialized dynamic provider: a few lines that load the implementation at call time. */
export declare const flowLogProvider: pulumi.dynamic.ResourceProvider;
