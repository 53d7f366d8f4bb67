package com.widgetsunlimited.etl.job;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Attaches the {@link ProgressListener} to every job and step, so no configuration
 * forgets it.
 */
@Configuration(proxyBeanMethods = false)
public class ProgressConfiguration {

	@Bean
	static BeanPostProcessor progressListenerRegistrar() {
		ProgressListener listener = new ProgressListener();
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof AbstractJob job) {
					job.registerJobExecutionListener(listener);
				}
				if (bean instanceof AbstractStep step) {
					step.registerStepExecutionListener(listener);
				}
				return bean;
			}
		};
	}

}
