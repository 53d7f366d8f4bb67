package com.widgetsunlimited.etl.job;

import com.widgetsunlimited.etl.batch.FailFast;
import com.widgetsunlimited.etl.env.EtlProperties;

import org.springframework.boot.context.properties.bind.Binder;
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
 * Attaches the {@link ProgressListener} to every job and step, and {@link FailFast} to
 * every chunked step, so no configuration forgets them.
 */
@Configuration(proxyBeanMethods = false)
public class ProgressConfiguration {

	@Bean
	static BeanPostProcessor progressListenerRegistrar(ObjectProvider<JobRepository> jobRepository,
			Environment environment) {
		ProgressListener listener = new ProgressListener();
		FailFast failFast = new FailFast();
		// bound here, not injected: a post-processor's dependencies are created too early
		// to be post-processed themselves
		EtlProperties.Fault drill = Binder.get(environment).bindOrCreate("etl.fault", EtlProperties.Fault.class);
		FaultInjection faults = new FaultInjection(drill.haltAfter(), drill.pauseAt(), drill.pauseFile());
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
					if (step instanceof ChunkOrientedStep<?, ?> chunked) {
						step.registerStepExecutionListener(failFast);
						chunked.registerChunkListener(chunkListener(failFast));
					}
					if (fault != null) {
						step.registerStepExecutionListener(fault);
						if (step instanceof ChunkOrientedStep<?, ?> chunked) {
							chunked.registerChunkListener(chunkListener(fault));
						}
					}
				}
				return bean;
			}
		};
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ChunkListener chunkListener(ChunkListener<Object, Object> listener) {
		return listener;
	}

}
