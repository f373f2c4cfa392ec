// Entry point of the provider plugin: serves the engine's gRPC calls until it is told to stop.
import * as pulumi from "@pulumi/pulumi";
import { pluginProvider } from "./provider";

pulumi.provider.main(pluginProvider, process.argv.slice(2));
