import type * as pulumi from "@pulumi/pulumi";

/** The serialized handover provider: a few lines that load the implementation at call time. */
export declare const handoverProvider: pulumi.dynamic.ResourceProvider;
