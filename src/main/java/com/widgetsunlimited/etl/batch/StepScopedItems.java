package com.widgetsunlimited.etl.batch;

import org.springframework.aop.scope.ScopedObject;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * A step-scoped reader or processor called on its step's own object. Through the scope's
 * proxy every call looks the bean up in the step's scope and invokes it reflectively; for
 * a million items a step, that lookup took a tenth of the ingestion's CPU. These wrappers
 * resolve the proxy once when the step opens its streams, keep the object for the thread
 * that runs the step (partitions of one worker step run on threads of their own), and
 * forget it when the step closes them.
 */
public final class StepScopedItems {

	private StepScopedItems() {
	}

	/** {@code reader}, resolved once per step execution if it is a scoped proxy. */
	public static <T> ItemReader<T> reader(ItemReader<T> reader) {
		return (reader instanceof ScopedObject) ? new Reader<>(reader) : reader;
	}

	/** {@code processor}, resolved once per step execution if it is a scoped proxy. */
	public static <I, O> ItemProcessor<I, O> processor(ItemProcessor<I, O> processor) {
		return (processor instanceof ScopedObject) ? new Processor<>(processor) : processor;
	}

	/** The object behind a scoped proxy, for the thread that runs the step. */
	private static final class Target<T> {

		private final Object proxy;

		private final ThreadLocal<T> resolved = new ThreadLocal<>();

		Target(Object proxy) {
			this.proxy = proxy;
		}

		@SuppressWarnings("unchecked")
		T get() {
			T target = this.resolved.get();
			if (target == null) {
				target = (T) ((ScopedObject) this.proxy).getTargetObject();
				this.resolved.set(target);
			}
			return target;
		}

		void forget() {
			this.resolved.remove();
		}

	}

	/**
	 * Opens, updates and closes the step's reader through the proxy (once per chunk at
	 * most), reads from its object.
	 */
	private static final class Reader<T> implements ItemStreamReader<T> {

		private final ItemReader<T> proxy;

		private final Target<ItemReader<T>> target;

		Reader(ItemReader<T> proxy) {
			this.proxy = proxy;
			this.target = new Target<>(proxy);
		}

		@Override
		public void open(ExecutionContext executionContext) {
			// a new step execution on a thread that ran an earlier one
			this.target.forget();
			if (this.proxy instanceof ItemStream stream) {
				stream.open(executionContext);
			}
		}

		@Override
		public T read() throws Exception {
			return this.target.get().read();
		}

		@Override
		public void update(ExecutionContext executionContext) {
			if (this.proxy instanceof ItemStream stream) {
				stream.update(executionContext);
			}
		}

		@Override
		public void close() {
			try {
				if (this.proxy instanceof ItemStream stream) {
					stream.close();
				}
			}
			finally {
				this.target.forget();
			}
		}

	}

	/**
	 * Registered as a stream of the step, only to learn when its execution starts and
	 * ends.
	 */
	private static final class Processor<I, O> implements ItemProcessor<I, O>, ItemStream {

		private final Target<ItemProcessor<I, O>> target;

		Processor(ItemProcessor<I, O> proxy) {
			this.target = new Target<>(proxy);
		}

		@Override
		public void open(ExecutionContext executionContext) {
			this.target.forget();
		}

		@Override
		public O process(I item) throws Exception {
			return this.target.get().process(item);
		}

		@Override
		public void close() {
			this.target.forget();
		}

	}

}
