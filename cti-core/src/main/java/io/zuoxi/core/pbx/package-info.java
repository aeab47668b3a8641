/**
 * The PBX-neutral contract between adapters and engines: {@link io.zuoxi.core.pbx.PbxEvent}s in,
 * {@link io.zuoxi.core.pbx.PbxCommand}s out, through the {@link io.zuoxi.core.pbx.PbxGateway} port.
 */
package io.zuoxi.core.pbx;
