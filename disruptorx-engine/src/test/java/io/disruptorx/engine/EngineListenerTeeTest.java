package io.disruptorx.engine;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EngineListenerTeeTest
{
    @Test
    void shouldGiveBothListenersEveryEventWithEveryArgument()
    {
        final SplittableRandom random = new SplittableRandom(5);
        final EngineConfig config = CommandFlow.config(random);
        final ReferenceModel model = new ReferenceModel(config);
        final CommandFlow flow = new CommandFlow(random.split(), model, 2);
        final RecordingListener direct = new RecordingListener();
        final RecordingListener first = new RecordingListener();
        final RecordingListener second = new RecordingListener();
        final MatchingEngine reference = new MatchingEngine(config, direct);
        final MatchingEngine teed = new MatchingEngine(config, new EngineListenerTee(first, second));

        long timestamp = 0;
        for (final Command command : flow.setup())
        {
            command.apply(reference, ++timestamp);
            command.apply(teed, timestamp);
            model.apply(command, direct.drain().all());
        }
        for (int i = 0; i < 5_000; i++)
        {
            final Command command = flow.next();
            command.apply(reference, ++timestamp);
            command.apply(teed, timestamp);
            model.apply(command, direct.drain().all());
        }

        assertThat(first.events()).isEqualTo(direct.events());
        assertThat(second.events()).isEqualTo(direct.events());
        assertThat(first.timestamps()).isEqualTo(direct.timestamps());
        assertThat(second.feedSequences()).isEqualTo(direct.feedSequences());
        assertThat(direct.events().stream().map(event -> event.getClass().getSimpleName()).distinct())
            .as("every kind of event went through").hasSize(14);
    }
}
