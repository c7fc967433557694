// What the figures were measured on: they mean little without it.
import os from 'node:os';

export interface MachineInfo {
	cpuModel: string;
	cpus: number;
	memoryGB: number;
	platform: string;
	release: string;
	node: string;
	chromium: string | null;
	/** 1-minute load average when the bench started and when it ended. */
	loadAtStart: number;
	loadAtEnd: number | null;
}

export function machineInfo(): MachineInfo {
	const cpus = os.cpus();
	return {
		cpuModel: cpus[0]?.model.trim() ?? 'unknown',
		cpus: cpus.length,
		memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
		platform: `${os.platform()} ${os.arch()}`,
		release: os.release(),
		node: process.version,
		chromium: null,
		loadAtStart: Math.round(os.loadavg()[0] * 100) / 100,
		loadAtEnd: null
	};
}

export function loadAverage(): number {
	return Math.round(os.loadavg()[0] * 100) / 100;
}
