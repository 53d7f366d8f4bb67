package com.widgetsunlimited.etl.job;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.step.AbstractStep;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.step.item.ChunkOrientedStep;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Attaches the {@link ProgressListener} to every job and step, so no configuration
 * forgets it.
 */
@Configuration(proxyBeanMethods = false)
public class ProgressConfiguration {

	@Bean
	static BeanPostProcessor progressListenerRegistrar(ObjectProvider<JobRepository> jobRepository,
			Environment environment) {
		ProgressListener listener = new ProgressListener();
		FaultInjection faults = new FaultInjection(environment.getProperty("etl.fault.halt-after", ""),
				environment.getProperty("etl.fault.pause-at", ""), environment.getProperty("etl.fault.pause-file", ""));
		FaultInjection fault = faults.isActive() ? faults : null;
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof AbstractJob job) {
					job.registerJobExecutionListener(new ProcessOwner(jobRepository.getObject()));
					job.registerJobExecutionListener(listener);
				}
				if (bean instanceof AbstractStep step) {
					step.registerStepExecutionListener(listener);
					if (fault != null) {
						step.registerStepExecutionListener(fault);
						if (step instanceof ChunkOrientedStep<?, ?> chunked) {
							chunked.registerChunkListener(faultListener(fault));
						}
					}
				}
				return bean;
			}
		};
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ChunkListener faultListener(FaultInjection fault) {
		return fault;
	}

}
